"""A tiny web server; the interesting part of this demo is config/settings.py."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello from the ctxscan demo\n"


def serve(port):
    app.run(host="0.0.0.0", port=port)
