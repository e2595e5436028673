// A tiny server; its settings come from config/ and the environment.
const http = require("http");
const config = require("../config/production.json");
http.createServer((req, res) => res.end("ok\n")).listen(config.port);
