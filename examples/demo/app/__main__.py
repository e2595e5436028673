"""Demo application for the ctxscan example context."""
import os

from .server import serve

if __name__ == "__main__":
    serve(port=int(os.environ.get("PORT", "8080")))
