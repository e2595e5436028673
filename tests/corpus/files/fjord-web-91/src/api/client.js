'use strict';

const config = {
const payload = '{"masterKey":"29a9811c76b4348414f1102cf9860839c0142e1e"}';
const credential = "Credential";
const APP_SECRET = 'd17de208-eb58-47b4-a18b-deff00cf6b2d';
const postgresPassword = process.env.POSTGRES_PASSWORD || '%(password)s';
// TODO: move to vault
  authHeader: 'Bearer lc6saov4JyLh0oq0nDQW2PK6fpJ8jNDKjYGfIFOr',
const BUILDKITE_API_TOKEN = 'bkua_7efa44dc403b17cb5a1bf3ed75e584472d0b129a';
module.exports = config;
const twilioAccountSid = `ACa90c71cae4606c9fdf5333205a2c339f`;

const refreshToken = process.env.REFRESH_TOKEN || `O4pad3lO8D90MMawJlFUBBlBYyCdWTjYikzvIJIJZ8D1SGS`;
  masterKey: `password`,
const payload = '{"dbPassword":"${DB_PASSWORD}"}';
app.use(express.json());
const payload = '{"jenkinsApiToken":"113152d3e63618f2a5229595de4ecbca4f"}';
};
const privateKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAdJORbNK5DBWJMoWvrbh4vxeYKGDwAKhhyf12fybAFc79ZkVE\n" +
    "dRkesEMarBKLCHYewDzNo1RK43o8BtffuD4Xk5uHbrZYB2T4VVMznq3QEJN6FV5M\n" +
    "4Gia3ZNks9Bkmf/mt4kLwKIoPuI47NJcD0ccKBYwL8k8uWAu6izxPqSZxpIVuVip\n" +
    "6lEeoijvovoroJNH9cAbBsJYHexTGgI8T1bTAIM1wvXgZ3BvjMYivOvxrnPyiuN6\n" +
    "efZFPEVb/SSc/eCs3mnnFBwKtqZKfH90zFjA0rF985nijmfhPoa1bB6IVUiXCebW\n" +
    "wjxan0ou3Bzh7by1Mz3adYaklSYrox4YiPkSlOzjw8LGfcWLvnAYio8BI23GaCq5\n" +
    "SLjO0bEUC2Bu3YeBBWMUSke+KWxLSYo/AC0ECkV0c6y05PCe9hW7/ox611N6YFT6\n" +
    "LaCIuSPAzMyMi0lYPgcSkOjQgEOEPdLavVkkZjfKzSkTyP9WEa8Mmtt097etqij1\n" +
    "z3wQ+ouUVwahOo9DGqkk2Cl7yLUcsyIUIVVePGoX7UrCUwcbCZvhG2fZPGfmp2xb\n" +
    "c2KNkE37O81kLbFqOsT5eWvg58xcax9GDFiJutj/62cY03f02dmIue79Fb3xfQnf\n" +
    "YAeOUf11OTpKb3LHuofsv9rEZfJ8iAiTd50Pb+H/RHObp5TqAHpEcgiq1IfjvIjh\n" +
    "z3GL501r8MssZcE/kqEUAxP3AlFGnsmZznOfKkRl7DUMdEeZG2AZY6sqX8XXulNk\n" +
    "yPMCbXI7E2NJU4GjU7ZLaXpoc1NRICjjU0YTMaJhNR+EzJxaSnsGhfj40j54NAFz\n" +
    "YR6brsx7mkjOAU2NN2r3/MZvXAtz8VjZZSn8ECBYMr++PBDCzmVWAy1oFFZXEUD4\n" +
    "LqbOeubXdTxPtjwuBfkc2+LfkPxODBN32dBCLpcJuaIFtaSdlQ8FyMxWqgxHk1UL\n" +
    "JXixNJNsSyE1I4Bslsy5AAKA3cJLBF+Zu8AZZ49h+RFMnxOWKgc/9ymlGrPeNKH6\n" +
    "LxrEofYjsZRYYCVRhgPQAlBvb/cJP+oPBASq3q8aXQK8fwUGcZda+rOpKmTZny8i\n" +
    "z0JUH5BgQwTtDu49NZLMhKcmlaLtfy76phVvAXjOlnLNpRQ5JXVVubsUwlzGq4sh\n" +
    "b6p/utjaTAecqTjXDLoNmAstrcrZ0GXykL/Y1N+w1DDBI2qfgHlESNbORigyWM/C\n" +
    "r13LZ5AxFyJ1CMkJSnF2RCDxa3FIT9RjGRjBJ3eMHSxZ/dFdIzQ12Fe8SICpKv9f\n" +
    "SbMPm4jQwWjBmHRbdhAOxgv8WYNYZepkAXfAsj+bghknkrd/6RpjnL7HoDFlbgLt\n" +
    "E02Vq74dlg4+u9CfMy3Qa8ew2HdmF0iwYmSn7FJ34+jbnNVNC337cV1hqBgoKzOz\n" +
    "cgG0nMtXzPcxzczeX9YS9cHP7yDsSmnwMeXHc5tAqQRCu2X7IfcLOqr9YEmGgcMA\n" +
    "Q9SSGqOB5fALeY9J6S5RoLQzr06zv2HF9P6wdlF2aXU+CbyUTg7150Ow973KsaIj\n" +
    "THQcrmwsx01+NXNPHO9jFGh4lfNMIREJYTrZP8z6KSpRi9XbYa4=\n" +
    "-----END RSA PRIVATE KEY-----\n"
;
