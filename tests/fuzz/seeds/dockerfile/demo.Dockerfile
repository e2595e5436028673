# Demo build context for ctxscan. Every credential in this directory is fake,
# made up for the demo; none of them grants access to anything.
FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "-m", "app"]
