# syntax=docker/dockerfile:1
# escape=\
ARG BASE=debian:12
FROM ${BASE} AS build
ARG TOKEN
ENV APP_HOME=/app \
    MODE="prod mode" LEGACY value
WORKDIR $APP_HOME
COPY --from=busybox --chmod=0644 ["a b.txt", "c/*.conf", "./dst/"]
COPY --exclude=*.key . /src/
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc <<EOT bash
  echo "$TOKEN" > /tmp/t
EOT
RUN <<-"EOF1" cat > /etc/x
	literal ${NOT_EXPANDED}
	EOF1
FROM scratch
COPY --from=build /app /app
USER 10001
HEALTHCHECK --interval=5s CMD ["true"]
