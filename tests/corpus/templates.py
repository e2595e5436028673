"""File builders for the corpus: one function per kind of file, each returning Docs.

Every builder writes a realistic file of its format around key/value items drawn from
items.py (rendered by generate.RENDER) plus the lines that only that format has (CLI
flags in scripts, PEM blocks, SQL statements, recorded HTTP bodies ...).
"""
import json

import shapes as S
from items import V, PLACEHOLDERS
import render as G

Doc = G.Doc


def proj(r, i):
    return "%s-%s-%d" % (r.choice(S.WORDS), r.choice(("api", "web", "svc", "worker", "infra", "tools", "app")), i)


def items(d, r, lang, n, filler=(), share=0.5, render=None):
    render = render or G.RENDER[lang]
    for _ in range(n):
        words, v = G.draw(r, share)
        render(d, r, words, v)
        if filler and r.random() < 0.4:
            d.text(r.choice(filler))


def pem_concat(d, r, lang):
    """A private key split across string concatenation in code."""
    kind = r.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"))
    lines = S.pem_lines(r, kind)
    plus = {"py": "", "go": " +", "js": " +", "ts": " +", "java": " +", "cs": " +", "rb": " +", "php": " ."}[lang]
    name = {"py": "PRIVATE_KEY = (", "go": "const privateKey = \"\" +", "js": "const privateKey =",
            "ts": "export const signingKey =", "java": "    static final String PRIVATE_KEY =",
            "cs": "        const string PrivateKey =", "rb": "PRIVATE_KEY =", "php": "$privateKey ="}[lang]
    d.text(name)
    out = ['    "%s\\n"%s' % (ln, plus) for ln in lines]
    out[-1] = out[-1][:-len(plus)] if plus else out[-1]
    d.block(out, "private-key", "T", "concatenated")
    d.text({"py": ")", "go": "", "js": ";", "ts": ";", "java": "    ;", "cs": "        ;", "rb": "", "php": ";"}[lang])


def pem_escaped(d, r, prefix, suffix):
    kind = r.choice(("RSA PRIVATE KEY", "PRIVATE KEY"))
    v = V("\\n".join(S.pem_lines(r, kind)) + "\\n", "private-key", "T", "escaped")
    d.add(prefix, v, suffix)


# ---- code ----------------------------------------------------------------------------------------
PY_FILL = ("", "logger = logging.getLogger(__name__)", "DEBUG = False", "TIMEOUT_SECONDS = 30",
           "ALLOWED_HOSTS = [\"api.internal\", \"localhost\"]", "# Keep in sync with deploy/values.yaml",
           "def healthcheck():\n    return {\"status\": \"ok\"}", "MAX_RETRIES = 5",
           "password_field = form.cleaned_data.get(\"password\")")


def b_python(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("settings.py", "config.py", "app/tasks.py", "scripts/seed_db.py",
                                                 "tests/conftest.py", "src/client.py"))))
    d.text('"""Service configuration."""', "import logging", "import os", "")
    items(d, r, "py", r.randrange(6, 12), PY_FILL)
    if r.random() < 0.25:
        pem_concat(d, r, "py")
    if r.random() < 0.3:
        d.add("resp = requests.get(url, auth=(%r, \"" % r.choice(S.USERS), V(S.password(r), "password", "T", "auth-tuple"),
              "\"))")
    if r.random() < 0.3:
        d.add("# prose: the password is read from the vault at startup",
              V("", "password", "F", "prose", suffix=""))
    return [d]


GO_FILL = ("", "\tlog.Printf(\"listening on %s\", addr)", "\tif err != nil {\n\t\treturn err\n\t}",
           "\ttimeout := 30 * time.Second", "// Config holds the service settings.", "\tdefer db.Close()")


def b_go(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("main.go", "config/config.go", "internal/db/db.go", "cmd/server/main.go",
                                                 "client_test.go"))))
    d.text("package main", "", "import (", '\t"log"', '\t"os"', ")", "", "func setup() error {")
    items(d, r, "go", r.randrange(6, 12), GO_FILL)
    if r.random() < 0.3:
        u, p = r.choice(S.USERS), S.password(r)
        d.text("\tcreds := map[string]string{")
        d.add('\t\t"user": "%s", "pass": "' % u, V(p, "password", "T", "struct-literal"), '",')
        d.text("\t}")
    if r.random() < 0.25:
        d.add('\tnc, err := nats.Connect(fmt.Sprintf("', V("nats://client:%s@127.0.0.1:%%d" % S.url_password(r),
                                                           "url-credential", "T", "format-string"), '", port))')
    d.text("\treturn nil", "}")
    if r.random() < 0.2:
        pem_concat(d, r, "go")
    return [d]


JS_FILL = ("", "const express = require('express');", "app.use(express.json());", "// TODO: move to vault",
           "module.exports = config;", "const port = process.env.PORT || 3000;",
           "const credential = \"Credential\";")


def b_js(r, i, ts=False):
    ext = "ts" if ts else "js"
    d = Doc("%s/%s.%s" % (proj(r, i), r.choice(("config", "src/db", "src/api/client", "server", "test/setup")), ext))
    d.text("'use strict';" if not ts else "import { Pool } from 'pg';", "")
    d.text("const config = {")
    items(d, r, ext, r.randrange(6, 12), JS_FILL)
    d.text("};")
    if r.random() < 0.3:
        d.add("const pool = new Pool({ user: 'app', password: '", V(S.password(r), "password", "T", "object"), "' });")
    if r.random() < 0.2:
        pem_concat(d, r, ext)
    if r.random() < (0.5 if ts else 0.3):
        d.add("const firebaseConfig = { apiKey: \"", V(S.gcp_api_key(r), "gcp", "L", "firebase-web"),
              "\", authDomain: \"%s-%d.firebaseapp.com\" };" % (r.choice(S.WORDS), i))
    return [d]


def b_ts(r, i):
    return b_js(r, i, ts=True)


def b_java(r, i):
    d = Doc("%s/src/main/java/com/acme/%s.java" % (proj(r, i), r.choice(("AppConfig", "DbClient", "Settings", "Mailer"))))
    d.text("package com.acme;", "", "import java.util.Properties;", "", "public class AppConfig {")
    items(d, r, "java", r.randrange(6, 12), ("", "    // loaded once at startup", "    private int poolSize = 10;"))
    if r.random() < 0.3:
        d.add('        DriverManager.getConnection(url, "%s", "' % r.choice(S.USERS), V(S.password(r), "password", "T",
                                                                                    "argument"), '");')
    if r.random() < 0.2:
        pem_concat(d, r, "java")
    d.text("}")
    return [d]


def b_cs(r, i):
    d = Doc("%s/src/%s.cs" % (proj(r, i), r.choice(("Startup", "Settings", "MailService", "Program"))))
    d.text("using System;", "using System.Net;", "", "namespace Acme.Service", "{", "    public class Settings", "    {")
    items(d, r, "cs", r.randrange(6, 12), ("", "        // TODO: Key Vault", "        public int Port = 8080;"))
    if r.random() < 0.4:
        d.add('        var cred = new NetworkCredential("%s", "' % r.choice(S.USERS),
              V(S.password(r), "password", "T", "argument"), '");')
    if r.random() < 0.15:
        pem_concat(d, r, "cs")
    d.text("    }", "}")
    return [d]


def b_rb(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("config/initializers/app.rb", "lib/client.rb", "config/settings.rb"))))
    d.text("# frozen_string_literal: true", "", "Rails.application.configure do")
    items(d, r, "rb", r.randrange(6, 12), ("", "  config.cache_classes = true", "  # see docs/deploy.md"))
    d.text("end")
    if r.random() < 0.15:
        pem_concat(d, r, "rb")
    return [d]


def b_php(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("config/database.php", "src/Mailer.php", "config.php"))))
    d.text("<?php", "", "return [")
    items(d, r, "php", r.randrange(6, 12), ("", "    // driver", "    'charset' => 'utf8mb4',"))
    d.text("];")
    if r.random() < 0.15:
        pem_concat(d, r, "php")
    return [d]


def cli_lines(d, r):
    """Secrets (and look-alikes) on command lines, as in scripts and docs."""
    for _ in range(r.randrange(2, 5)):
        j = r.randrange(12)
        u, h = r.choice(S.USERS), r.choice(S.HOSTS)
        if j == 0:
            d.add("mysql -h %s -u%s -p" % (h, u), V(S.password(r), "password", "T", "cli"), " < schema.sql")
        elif j == 1:
            d.add("docker login -u %s -p " % u, V(S.password(r), "password", "T", "cli"), " registry.example.com")
        elif j == 2:
            d.add('curl -sS -H "Authorization: Bearer ', V(S.bearer_token(r), "bearer", "T", "cli"),
                  '" https://api.%s.io/v1/items' % r.choice(S.WORDS))
        elif j == 3:
            d.add("curl -u %s:" % u, V(S.url_password(r), "basic-auth", "T", "cli"), " https://%s/api" % h)
        elif j == 4:
            d.add("shodan init ", V(S.rs(r, S.AN, 32), "api-key", "T", "cli"))
        elif j == 5:
            d.add("htpasswd -b -c /etc/nginx/.htpasswd %s " % u, V(S.password(r), "password", "T", "cli"))
        elif j == 6:
            d.add('curl -u "$%s:$%s" https://%s/api' % ("API_USER", "API_PASS", h),
                  V("", "basic-auth", "F", "env-lookup"))
        elif j == 7:
            d.add('mysql -u%s -p"$DB_PASSWORD" -h %s' % (u, h), V("", "password", "F", "env-lookup"))
        elif j == 8:
            d.add("createrepo_c -u https://%s/repo ./rpms" % h, V("", "url-credential", "F", "flag-url"))
        elif j == 9:
            d.add("git clone git@github.com:acme/%s.git" % r.choice(S.WORDS), V("", "url-credential", "F", "no-password"))
        elif j == 10:
            d.add('read -r -s -p "Password: " PASSWORD', V("", "password", "F", "prose"))
        else:
            d.add("vault login -method=userpass username=%s password=" % u, V(S.password(r), "password", "T", "cli"))


def b_sh(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("deploy.sh", "scripts/bootstrap.sh", "ci/release.sh", "bin/setup"))))
    d.text("#!/usr/bin/env bash", "set -euo pipefail", "")
    items(d, r, "sh", r.randrange(4, 9), ("", 'echo "deploying $VERSION"', "cd \"$(dirname \"$0\")\""))
    cli_lines(d, r)
    return [d]


def b_ps1(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("deploy.ps1", "scripts/Install.ps1", "build.ps1"))))
    d.text("param([string]$Environment = 'staging')", "$ErrorActionPreference = 'Stop'", "")
    items(d, r, "ps1", r.randrange(5, 10), ("", "Write-Host \"Deploying to $Environment\""))
    for _ in range(r.randrange(1, 3)):
        if r.randrange(3):
            d.add('$secure = ConvertTo-SecureString "', V(S.password(r), "password", "T", "securestring"),
                  '" -AsPlainText -Force')
        else:
            d.add("$secure = Read-Host -AsSecureString -Prompt 'Password'", V("", "password", "F", "prose"))
    return [d]


# ---- configuration -------------------------------------------------------------------------------
def b_yaml(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("config/application.yml", "config.yaml", "settings/prod.yaml",
                                                 "ansible/group_vars/all.yml"))))
    for sect in r.sample(("database", "mail", "integrations", "auth", "cache", "storage"), 3):
        d.text("%s:" % sect)
        items(d, r, "yaml", r.randrange(3, 6), ("  enabled: true", "  timeout: 30s"))
    if r.random() < 0.3:
        d.text("headers:")
        d.add("  - ", V(S.bearer_token(r), "bearer", "T", "list-item", prefix="Bearer "))
        d.add("  - ", V(S.basic_token(r), "basic-auth", "T", "list-item", prefix="Basic "))
    if r.random() < 0.2:
        d.text("vault_db_password: !vault |", "  $ANSIBLE_VAULT;1.1;AES256")
        start = len(d.lines) + 1
        d.text(*["  " + S.rs(r, S.HEX, 80) for _ in range(4)])
        d.label_lines(start, len(d.lines), "generic-secret", "F", "encrypted")
    return [d]


def strip_last_comma(d):
    for k in range(len(d.lines) - 1, -1, -1):
        if d.lines[k].rstrip().endswith(","):
            d.lines[k] = d.lines[k].rstrip()[:-1]
            return


def b_json(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("appsettings.json", "config/default.json", "secrets.example.json",
                                                 "fixtures/users.json", "config/local.json"))))
    d.text("{")
    for n, sect in enumerate(r.sample(("Database", "Smtp", "Api", "Auth", "Storage"), 3)):
        d.text('  "%s": {' % sect)
        items(d, r, "json", r.randrange(3, 6))
        strip_last_comma(d)
        d.text("  }," if n < 2 else "  }")
    d.text("}")
    return [d]


def b_xml(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("web.config", "src/main/resources/settings.xml", "App.config",
                                                 "conf/context.xml"))))
    d.text('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>")
    items(d, r, "xml", r.randrange(5, 10))
    d.text("  </appSettings>")
    if r.random() < 0.4:
        d.add('  <Resource name="jdbc/app" username="%s" password="' % r.choice(S.USERS),
              V(S.password(r), "password", "T", "xml-attribute"), '" />')
    d.text("</configuration>")
    return [d]


def b_props(r, i):
    d = Doc("%s/src/main/resources/%s" % (proj(r, i), r.choice(("application.properties",
                                                                "application-prod.properties", "config.properties"))))
    d.text("# Spring Boot settings", "server.port=8080", "spring.jpa.hibernate.ddl-auto=validate")
    items(d, r, "properties", r.randrange(6, 12), ("", "logging.level.root=INFO"))
    return [d]


def b_ini(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("config.ini", "setup.cfg", "conf/app.cfg", "alembic.ini"))))
    for sect in r.sample(("main", "database", "mail", "api", "celery"), 3):
        d.text("[%s]" % sect)
        items(d, r, "ini", r.randrange(2, 5), ("host = %s" % r.choice(S.HOSTS), "port = 5432"))
        d.text("")
    return [d]


def b_toml(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("config.toml", "Settings.toml", "netlify.toml"))))
    d.text("[server]", 'bind = "0.0.0.0:8080"', "", "[secrets]")
    items(d, r, "toml", r.randrange(5, 10))
    return [d]


ENV_FILL = ("NODE_ENV=production", "VITE_THEME_COLOR=#3b82f6", "COMPOSE_PROJECT_NAME=shop", "LOG_LEVEL=info",
            "PORT=3000", "", "# database")


def b_env(r, i):
    name = r.choice((".env", ".env.production", "deploy/prod.env", ".env.local", ".env.example", ".env.staging"))
    d = Doc("%s/%s" % (proj(r, i), name))
    share = 0.0 if name.endswith("example") else (0.0 if r.random() < 0.2 else 0.5)
    items(d, r, "env", r.randrange(4, 10), ENV_FILL, share=share)
    return [d]


def b_npmrc(r, i):
    d = Doc("%s/.npmrc" % proj(r, i))
    d.text("registry=https://registry.npmjs.org/", "save-exact=true")
    if r.random() < 0.6:
        j = r.randrange(3)
        if j == 0:
            d.add("//registry.npmjs.org/:_authToken=", V(S.checksummed("npm_", r), "package-registry", "T", "npmrc"))
        elif j == 1:
            d.add("//npm.pkg.github.com/:_authToken=", V(S.checksummed("ghp_", r), "vcs-ci", "T", "npmrc"))
        else:
            d.add("//nexus.internal/repository/npm/:_auth=", V(S.basic_token(r), "package-registry", "T", "npmrc"))
    else:
        d.add("//registry.npmjs.org/:_authToken=", V("${NPM_TOKEN}", "package-registry", "F", "env-lookup"))
    return [d]


def b_dockerfile(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("Dockerfile", "docker/Dockerfile.prod", "Dockerfile.dev"))))
    d.text("FROM python:3.12-slim AS base", "WORKDIR /app")
    d.add("ARG TINI_SHA256=", V(S.sha(r, 64), "generic-secret", "F", "hash"))
    items(d, r, "dockerfile", r.randrange(3, 7), ("COPY requirements.txt .", "EXPOSE 8080"))
    if r.random() < 0.5:
        d.add("RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
              V("", "package-registry", "F", "env-lookup"))
    if r.random() < 0.4:
        d.add("RUN echo \"//registry.npmjs.org/:_authToken=", V(S.checksummed("npm_", r), "package-registry", "T"),
              "\" > .npmrc && npm ci")
    d.text('CMD ["python", "-m", "app"]')
    return [d]


def b_compose(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("docker-compose.yml", "compose.yaml", "docker-compose.override.yml"))))
    d.text("services:", "  db:", "    image: postgres:16", "    environment:")

    def lst(dd, rr, words, v):
        G.expr_value(rr, "sh", words, v)
        dd.add("      - %s=" % G.env_name(words), v)

    items(d, r, "yaml", r.randrange(3, 6), render=lst)
    d.text("  api:", "    build: .", "    environment:")
    items(d, r, "yaml", r.randrange(3, 6), render=lambda dd, rr, w, v: G.r_yaml(dd, rr, w, v, indent="      "))
    return [d]


def b_tf(r, i):
    name = r.choice(("main.tf", "providers.tf", "terraform.tfvars", "modules/db/variables.tf"))
    d = Doc("%s/infra/%s" % (proj(r, i), name))
    if name.endswith("tfvars"):
        items(d, r, "tf", r.randrange(4, 9), render=lambda dd, rr, w, v: G.r_tf(dd, rr, w, v) or None)
        d.lines = [ln[2:] if ln.startswith("  ") else ln for ln in d.lines]
        d.labels = [(a, b, v, ("%d-%d" % (int(c.split("-")[0]) - 2, int(c.split("-")[1]) - 2)) if c else c)
                    for a, b, v, c in d.labels]
        return [d]
    d.text('provider "aws" {', '  region = "eu-west-1"')
    items(d, r, "tf", r.randrange(3, 6))
    d.text("}", "", 'resource "aws_db_instance" "main" {', '  engine = "postgres"')
    items(d, r, "tf", r.randrange(2, 5))
    d.text("}")
    return [d]


def b_k8s(r, i):
    d = Doc("%s/k8s/%s" % (proj(r, i), r.choice(("secret.yaml", "deployment.yaml", "manifests/app.yaml"))))
    d.text("apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-credentials" % r.choice(S.WORDS),
           "type: Opaque", "data:")
    for _ in range(r.randrange(2, 6)):
        if r.random() < 0.6:
            k, v = r.choice((("password", S.password(r)), ("api-key", S.generic_secret(r)),
                             ("token", S.bearer_token(r)), ("DB_PASSWORD", S.url_password(r))))
            d.add("  %s: " % k, V(S.b64(v.encode()), "k8s-secret", "T", "base64"))
        else:
            k, v = r.choice((("username", r.choice(S.USERS)), ("host", r.choice(S.HOSTS)), ("port", "5432"),
                             ("database", r.choice(S.WORDS))))
            d.add("  %s: " % k, V(S.b64(v.encode()), "k8s-secret", "F", "base64-data"))
    d.text("---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api", "spec:", "  template:",
           "    spec:", "      containers:", "        - name: api", "          env:")

    def env_item(dd, rr, words, v):
        G.expr_value(rr, "conf", words, v)
        dd.text("            - name: %s" % G.env_name(words))
        dd.add('              value: "', v, '"')

    items(d, r, "yaml", r.randrange(2, 5), render=env_item)
    return [d]


PROSE = ("Set the database password in the `DB_PASSWORD` environment variable before you start the service.",
         "Basic authorization is provided by the reverse proxy; the app never sees the password.",
         "Rotate the API token every 90 days. The token is stored in the secret manager.",
         "Never commit your secret key; use `.env.example` as a template.",
         "The password must be at least 12 characters long and contain a digit.",
         "Generate a token under Settings > Developer settings > Personal access tokens.")


def b_md(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("README.md", "docs/setup.md", "docs/deploy.md", "CONTRIBUTING.md"))))
    d.text("# %s service" % r.choice(S.WORDS).capitalize(), "")
    for _ in range(r.randrange(2, 4)):
        d.add(r.choice(PROSE), V("", r.choice(("password", "generic-secret")), "F", "prose"))
        d.text("")
    d.text("```bash")
    cli_lines(d, r)
    items(d, r, "sh", r.randrange(2, 4))
    d.text("```", "", "Example configuration:", "", "```yaml")
    items(d, r, "yaml", r.randrange(2, 5), share=0.35)
    d.text("```")
    if r.random() < 0.3:
        d.text("", "```")
        d.block(["-----BEGIN RSA PRIVATE KEY-----", "...", "-----END RSA PRIVATE KEY-----"], "private-key", "F",
                "placeholder")
        d.text("```")
    if r.random() < 0.3:
        d.add("Log in at https://", V("%s.%s@example.com" % (r.choice(S.WORDS), r.choice(S.WORDS)), "url-credential",
                                     "F", "no-password"), " with your own account.")
    return [d]


def b_sql(r, i):
    d = Doc("%s/db/%s" % (proj(r, i), r.choice(("init.sql", "migrations/0001_users.sql", "seed.sql"))))
    d.text("-- schema bootstrap", "CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));")
    for _ in range(r.randrange(3, 7)):
        j = r.randrange(6)
        u = r.choice(S.USERS)
        if j == 0:
            d.add("CREATE USER '%s'@'%%' IDENTIFIED BY '" % u, V(S.password(r), "password", "T", "sql"), "';")
        elif j == 1:
            d.add("ALTER ROLE %s WITH LOGIN PASSWORD '" % u, V(S.password(r), "password", "T", "sql"), "';")
        elif j == 2:
            d.add("CREATE ROLE %s LOGIN PASSWORD '" % u, V(S.password(r), "password", "T", "sql"), "';")
        elif j == 3:
            d.add("SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);",
                  V("", "password", "F", "code"))
        elif j == 4:
            d.add("ALTER USER %s IDENTIFIED BY :new_password;" % u, V("", "password", "F", "placeholder"))
        else:
            d.add("INSERT INTO api_clients (name, client_id) VALUES ('%s', '" % r.choice(S.WORDS),
                  V(S.uuid4(r), "uuid-key", "F", "id"), "');")
    return [d]


def b_cassette(r, i):
    d = Doc("%s/tests/fixtures/cassettes/%s_%d.yaml" % (proj(r, i), r.choice(("login", "token", "list_users")), i))
    d.text("interactions:", "- request:", "    body: null", "    headers:")
    if r.random() < 0.6:
        d.text("      Authorization:")
        d.add("      - ", V(S.bearer_token(r), "bearer", "T", "cassette", prefix="Bearer "))
    else:
        d.text("      Authorization:")
        d.add("      - ", V("<REDACTED>", "bearer", "F", "placeholder", prefix="Bearer "))
    d.text("    method: POST", "    uri: https://api.%s.io/oauth/token" % r.choice(S.WORDS), "  response:",
           "    body:")
    j = r.randrange(3)
    if j == 0:
        d.add("      string: '{\"access_token\":\"", V(S.bearer_token(r), "generic-secret", "T", "json-in-yaml"),
              "\",\"token_type\":\"bearer\",\"expires_in\":3600}'")
    elif j == 1:
        d.add("      string: '{\"id\":\"", V(S.uuid4(r), "uuid-key", "F", "id"), "\",\"status\":\"active\"}'")
    else:
        d.add("      string: '{\"refresh_token\":\"", V(S.jwt(r), "jwt", "T", "json-in-yaml"), "\"}'")
    d.text("    headers:", "      Content-Type:", "      - application/json")
    d.text("      X-Request-Id:")
    d.add("      - ", V(S.uuid4(r), "uuid-key", "F", "id"))
    d.text("    status:", "      code: 200", "      message: OK", "version: 1")
    return [d]


# ---- credential files ---------------------------------------------------------------------------
def b_credfile(r, i):
    j = i % 3
    base = proj(r, i)
    if j == 0:
        d = Doc("%s/.netrc" % base)
        for _ in range(r.randrange(1, 3)):
            d.add("machine api.%s.com login %s password " % (r.choice(S.WORDS), r.choice(S.USERS)),
                  V(S.url_password(r), "credential-file", "T", "netrc"))
    elif j == 1:
        d = Doc("%s/.pgpass" % base)
        for _ in range(r.randrange(1, 3)):
            d.add("%s:5432:%s:%s:" % (r.choice(S.HOSTS), r.choice(S.WORDS), r.choice(S.USERS)),
                  V(S.url_password(r), "credential-file", "T", "pgpass"))
    else:
        d = Doc("%s/.git-credentials" % base)
        d.add("https://%s:" % r.choice(S.USERS), V(S.checksummed("ghp_", r), "credential-file", "T", "git-credentials"),
              "@github.com")
    return [d]


def b_dockercfg(r, i):
    d = Doc("%s/.docker/config.json" % proj(r, i))
    d.text("{", '  "auths": {')
    if r.random() < 0.75:
        d.text('    "%s": {' % r.choice(("https://index.docker.io/v1/", "ghcr.io", "registry.gitlab.com",
                                           "123456789012.dkr.ecr.eu-west-1.amazonaws.com")))
        d.add('      "auth": "', V(S.basic_token(r), "docker-auth", "T", "config.json"), '"')
        d.text("    }")
    else:
        d.text('    "ghcr.io": {}', "  },")
        d.add('  "credsStore": "', V("desktop", "docker-auth", "F", "creds-store"), '"')
        d.text("}")
        return [d]
    d.text("  }", "}")
    return [d]


def b_keyfile(r, i):
    base = proj(r, i)
    j = i % 6
    if j == 0:
        d = Doc("%s/.ssh/id_ed25519" % base)
        d.block(S.openssh_lines(r), "private-key", "T", "openssh")
    elif j == 1:
        d = Doc("%s/certs/server.key" % base)
        d.block(S.pem_lines(r, r.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"))), "private-key", "T",
                "pem")
    elif j == 2:
        d = Doc("%s/keys/deploy_enc.pem" % base)
        d.block(S.encrypted_pem_lines(r), "private-key-encrypted", "T", "encrypted")
    elif j == 3:
        d = Doc("%s/.ssh/id_rsa_backup" % base)
        d.block(S.openssh_lines(r, encrypted=True), "private-key-encrypted", "T", "openssh-encrypted")
    elif j == 4:
        d = Doc("%s/certs/ca.crt" % base)
        d.block(S.public_key_lines(r), "private-key", "F", "public-key")
    else:
        d = Doc("%s/.ssh/authorized_keys" % base)
        for _ in range(r.randrange(1, 4)):
            d.add(V(S.ssh_public(r, "%s@%s" % (r.choice(S.USERS), r.choice(S.WORDS))), "private-key", "F", "public-key"))
    return [d]


def b_gcp(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("service-account.json", "gcp/credentials.json", "keys/sa-ci.json"))))
    pid = "%s-%d" % (r.choice(S.WORDS), r.randrange(100000, 999999))
    d.text("{", '  "type": "service_account",', '  "project_id": "%s",' % pid)
    d.add('  "private_key_id": "', V(S.sha(r, 40), "gcp", "F", "id"), '",')
    pem_escaped(d, r, '  "private_key": "', '",')
    d.labels[-1][2].family = "gcp"
    d.text('  "client_email": "ci@%s.iam.gserviceaccount.com",' % pid, '  "client_id": "%s",' % S.rs(r, S.DG, 21),
           '  "token_uri": "https://oauth2.googleapis.com/token"', "}")
    return [d]


def b_awscreds(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice((".aws/credentials", "ci/aws-credentials.ini"))))
    d.text("[default]")
    d.add("aws_access_key_id = ", V(S.aws_key_id(r), "aws", "T", "key-id"))
    d.add("aws_secret_access_key = ", V(S.aws_secret(r), "aws", "T", "secret"))
    d.text("region = eu-west-1", "", "[readonly]")
    d.add("aws_access_key_id = ", V("AKIA" + S.rs(r, S.B32, 9) + "EXAMPLE", "aws", "F", "placeholder"))
    d.add("aws_secret_access_key = ", V(r.choice(PLACEHOLDERS), "aws", "F", "placeholder"))
    return [d]


def b_testvec(r, i):
    d = Doc("%s/%s" % (proj(r, i), r.choice(("crypto/hmac_test.go", "tests/test_vectors.py", "spec/kdf_spec.rb"))))
    lang = d.path.rsplit(".", 1)[1]
    cm = "//" if lang == "go" else "#"
    d.text("%s Known-answer test vectors: fixed inputs, published alongside the algorithm." % cm)
    for n in range(r.randrange(3, 6)):
        byte = r.choice(("0b", "aa", "01", "0c", "ff"))
        v = r.choice((byte * r.choice((16, 20, 32)), "000102030405060708090a0b0c0d0e0f"[:r.choice((16, 32))],
                      "abcdefghijklmnopqrstuvwxyz"[:r.choice((16, 24))]))
        d.add('%s"key_%d": "' % ("\t" if lang == "go" else "    ", n), V(v, "generic-secret", "F", "test-vector"), '",')
    return [d]


BUILDERS = (("python", b_python), ("go", b_go), ("js", b_js), ("ts", b_ts), ("java", b_java), ("cs", b_cs),
            ("ruby", b_rb), ("php", b_php), ("shell", b_sh), ("powershell", b_ps1), ("yaml", b_yaml),
            ("json", b_json), ("xml", b_xml), ("properties", b_props), ("ini", b_ini), ("toml", b_toml),
            ("env", b_env), ("npmrc", b_npmrc), ("dockerfile", b_dockerfile), ("compose", b_compose),
            ("terraform", b_tf), ("kubernetes", b_k8s), ("markdown", b_md), ("sql", b_sql), ("cassette", b_cassette),
            ("credfile", b_credfile), ("credfile", b_credfile), ("docker-config", b_dockercfg),
            ("docker-config", b_dockercfg), ("keys", b_keyfile), ("keys", b_keyfile), ("keys", b_keyfile), ("gcp", b_gcp),
            ("aws-credentials", b_awscreds), ("test-vectors", b_testvec))
