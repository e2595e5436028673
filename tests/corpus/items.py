"""Labelled values (V) and the draws of key/value items for the corpus generator.

An item is (key words, V): the key is cased by the file's language, the value is a V that
carries its family and label. T is a true secret, F a hard negative, L a public identifier
that may be reported at low confidence or severity but no higher.
"""
import shapes as S


class V:
    """A labelled value: `value` is what the label's column range covers; `prefix` and
    `suffix` are written around it unlabelled ("Bearer " ...). kind "env"/"config" makes the
    file's renderer write a language-specific lookup expression instead of a literal."""

    def __init__(self, value, family, gt, note="", prefix="", suffix="", kind="literal"):
        self.value, self.family, self.gt, self.note = value, family, gt, note
        self.prefix, self.suffix, self.kind = prefix, suffix, kind


PASSWORD_KEYS = (["password"], ["db", "password"], ["db", "pass"], ["pwd"], ["admin", "password"],
                 ["redis", "password"], ["smtp", "password"], ["mysql", "root", "password"], ["passwd"],
                 ["user", "password"], ["env", "password"], ["pass"], ["postgres", "password"],
                 ["mail", "pass"], ["ldap", "bind", "password"], ["keystore", "password"], ["rabbitmq", "pass"],
                 ["database", "password"], ["master", "password"], ["service", "password"])
SECRET_KEYS = (["secret", "key"], ["jwt", "secret"], ["hmac", "secret"], ["session", "secret"], ["api", "secret"],
               ["client", "secret"], ["app", "secret"], ["encryption", "key"], ["signing", "key"],
               ["cookie", "secret"], ["webhook", "secret"], ["master", "key"], ["access", "token"],
               ["auth", "token"], ["private", "token"], ["app", "key"], ["secret"], ["token"], ["api", "key"],
               ["crypt", "key"], ["refresh", "token"], ["service", "token"], ["shared", "secret"])
UUID_KEYS = (["api", "key"], ["api", "token"], ["license", "key"], ["x", "api", "key"], ["heroku", "api", "key"],
             ["access", "key"], ["secret", "key"], ["auth", "token"], ["integration", "key"], ["app", "secret"])
ID_KEYS = (["id"], ["request", "id"], ["tenant", "id"], ["subscription", "id"], ["correlation", "id"],
           ["client", "id"], ["trace", "id"], ["user", "id"], ["project", "id"], ["postman", "id"],
           ["device", "id"], ["order", "id"], ["session", "id"], ["workspace", "id"])
HASH_KEYS = (["checksum"], ["sha256"], ["commit"], ["etag"], ["integrity"], ["digest"], ["md5"], ["revision"],
             ["git", "sha"], ["content", "hash"], ["build", "sha"], ["image", "digest"])
URL_KEYS = (["database", "url"], ["db", "url"], ["dsn"], ["redis", "url"], ["broker", "url"], ["mongo", "uri"],
            ["connection", "string"], ["amqp", "url"], ["datasource", "url"], ["cache", "url"], ["nats", "url"],
            ["repo", "url"], ["cassandra", "url"], ["smtp", "url"])

PLACEHOLDERS = ("changeme", "<password>", "${DB_PASSWORD}", "{{ .Values.db.password }}", "xxx", "xxxxxxxx",
                "your-password", "YOUR_PASSWORD_HERE", "REPLACE_ME", "<your-token>", "example", "password",
                "secret", "********", "$PASSWORD", "#{db_password}", "TODO", "dummy", "1234567890", "abcdefgh",
                "0000000000000000", "${SECRET_KEY}", "%(password)s", "<secret>", "your-api-key", "CHANGE_ME",
                "placeholder", "{{ secret }}", "${{ secrets.API_TOKEN }}", "[REDACTED]", "redacted", "none",
                "not-a-real-secret", "EXAMPLE", "foobar", "<TOKEN>", "__SECRET__", "$(cat /run/secrets/db)")


def _pick(r, seq):
    return list(r.choice(seq))


def provider(r, table, family):
    name = r.choice(sorted(table))
    keys, gen = table[name]
    return _pick(r, keys), V(gen(r), family, "T", name)


def url_cred(r):
    u, p, h = r.choice(S.USERS), S.url_password(r), r.choice(S.HOSTS)
    k = r.randrange(12)
    forms = (("postgres://%s:%s@%s:5432/%s", "pg"), ("postgresql://%s:%s@%s/%s?sslmode=require", "pg"),
             ("mysql://%s:%s@%s:3306/%s", "mysql"), ("mongodb+srv://%s:%s@%s/%s?retryWrites=true", "mongo"),
             ("redis://%s:%s@%s:6379/%s", "redis"), ("amqp://%s:%s@%s:5672/%s", "amqp"),
             ("nats://%s:%s@%s:4222%s", "nats"), ("cassandra://%s:%s@%s/%s", "cassandra"),
             ("smtp://%s:%s@%s:587%s", "smtp"), ("https://%s:%s@%s/%s", "https"),
             ("ftp://%s:%s@%s/%s", "ftp"), ("mssql://%s:%s@%s:1433/%s", "mssql"))
    fmt, scheme = forms[k]
    tail = "" if scheme in ("nats", "smtp") else r.choice(S.WORDS)
    v = fmt % (u, p, h, tail)
    return _pick(r, URL_KEYS), V(v, "url-credential", "T", scheme)


def conn_string(r):
    u, p, h = r.choice(S.USERS), S.password(r).replace(";", ""), r.choice(S.HOSTS)
    k = r.randrange(5)
    if k == 0:
        v = "Server=%s;Database=%s;User Id=%s;Password=%s;" % (h, r.choice(S.WORDS), u, p)
    elif k == 1:
        v = "Driver={ODBC Driver 18 for SQL Server};Server=%s;Uid=%s;Pwd=%s;Encrypt=yes" % (h, u, p)
    elif k == 2:
        v = "host=%s port=5432 dbname=%s user=%s password=%s" % (h, r.choice(S.WORDS), u, p)
    elif k == 3:
        v = "jdbc:postgresql://%s:5432/%s?user=%s&password=%s" % (h, r.choice(S.WORDS), u, S.url_password(r))
    else:
        v = "jdbc:mysql://%s:3306/%s?user=%s&password=%s&useSSL=true" % (h, r.choice(S.WORDS), u, S.url_password(r))
    return (["connection", "string"] if k < 3 else ["jdbc", "url"]), V(v, "url-credential", "T", "connstr")


def git_url(r):
    tok = S.checksummed(r.choice(("ghp_", "gho_", "ghs_")), r)
    v = r.choice(("https://x-access-token:%s@github.com/acme/%s.git", "https://%s@github.com/acme/%s.git",
                  "https://oauth2:%s@gitlab.example.com/acme/%s.git")) % (tok, r.choice(S.WORDS))
    if "gitlab" in v:
        v = v.replace(tok, "glpat-" + S.rs(r, S.AN, 20))
    return ["repo", "url"], V(v, "vcs-ci", "T", "git-url")


def positive(r):
    """Draws one true-secret item: (key words, V)."""
    k = r.randrange(100)
    if k < 16:
        return _pick(r, PASSWORD_KEYS), V(S.password(r), "password", "T")
    if k < 26:
        return _pick(r, SECRET_KEYS), V(S.generic_secret(r), "generic-secret", "T")
    if k < 36:
        return provider(r, S.API_KEYS, "api-key")
    if k < 41:
        j = r.randrange(4)
        if j == 0:
            return r.choice((["aws", "access", "key", "id"], ["aws", "key"])), V(
                S.aws_key_id(r, r.choice(("AKIA", "AKIA", "ASIA"))), "aws", "T", "key-id")
        if j == 3:
            return ["aws", "session", "token"], V(S.aws_session_token(r), "aws", "T", "session")
        return r.choice((["aws", "secret", "access", "key"], ["aws", "secret", "key"], ["aws", "secret"])), V(
            S.aws_secret(r), "aws", "T", "secret")
    if k < 44:
        if r.randrange(2):
            return r.choice((["google", "api", "key"], ["maps", "api", "key"], ["youtube", "api", "key"])), V(
                S.gcp_api_key(r), "gcp", "T", "api-key")
        return r.choice((["google", "client", "secret"], ["gcp", "oauth", "secret"])), V(
            S.gcp_oauth_secret(r), "gcp", "T", "oauth")
    if k < 48:
        j = r.randrange(4)
        if j == 0:
            return r.choice((["azure", "storage", "key"], ["account", "key"])), V(S.azure_storage_key(r), "azure", "T")
        if j == 1:
            return r.choice((["azure", "client", "secret"], ["arm", "client", "secret"])), V(
                S.azure_client_secret(r), "azure", "T")
        if j == 2:
            return ["azure", "devops", "pat"], V(S.azure_devops_pat(r), "azure", "T")
        name = "st" + S.rs(r, S.LO + S.DG, 10)
        return ["azure", "storage", "connection", "string"], V(
            "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net"
            % (name, S.azure_storage_key(r)), "azure", "T", "connstr")
    if k < 54:
        return provider(r, S.VCS, "vcs-ci")
    if k < 58:
        return provider(r, S.PAYMENT, "payment")
    if k < 63:
        j = r.randrange(8)
        gens = ((["slack", "bot", "token"], S.slack_bot), (["slack", "token"], S.slack_user),
                (["slack", "app", "token"], S.slack_app), (["slack", "legacy", "token"], S.slack_legacy),
                (["slack", "webhook", "url"], S.slack_webhook), (["discord", "webhook"], S.discord_webhook),
                (["teams", "webhook", "url"], S.teams_webhook), (["telegram", "bot", "token"], S.telegram_bot))
        key, gen = gens[j]
        return list(key), V(gen(r), "chat-webhook", "T")
    if k < 67:
        return provider(r, S.REGISTRY, "package-registry")
    if k < 71:
        return _pick(r, UUID_KEYS), V(S.uuid4(r), "uuid-key", "T")
    if k < 75:
        j = r.randrange(4)
        if j == 0:
            return r.choice((["salt"], ["password", "salt"], ["hash", "salt"], ["security", "salt"])), V(
                S.salt(r), "salt-seed", "T", "salt")
        if j == 1:
            return r.choice((["totp", "secret"], ["otp", "seed"], ["mfa", "seed"], ["two", "factor", "secret"])), V(
                S.totp_seed(r), "salt-seed", "T", "otp")
        if j == 2:
            return r.choice((["nkey", "seed"], ["nats", "seed"], ["nats", "nkey"])), V(S.nats_seed(r), "salt-seed", "T",
                                                                                      "nkey")
        return r.choice((["nonce", "secret"], ["csrf", "nonce", "key"], ["aes", "nonce"])), V(
            S.rs(r, S.HEX, 24), "salt-seed", "T", "nonce")
    if k < 80:
        return r.choice((["token"], ["id", "token"], ["access", "token"], ["service", "token"], ["jwt"])), V(
            S.jwt(r), "jwt", "T")
    if k < 84:
        return r.choice((["authorization"], ["auth", "header"])), V(S.bearer_token(r), "bearer", "T", prefix="Bearer ")
    if k < 87:
        return r.choice((["authorization"], ["auth", "header"], ["basic", "auth"])), V(
            S.basic_token(r), "basic-auth", "T", prefix="Basic ")
    if k < 95:
        return url_cred(r)
    if k < 98:
        return conn_string(r)
    return git_url(r)


def negative(r):
    """Draws one hard-negative item: (key words, V)."""
    k = r.randrange(100)
    if k < 14:
        return _pick(r, PASSWORD_KEYS + SECRET_KEYS), V(r.choice(PLACEHOLDERS), r.choice(
            ("password", "generic-secret")), "F", "placeholder")
    if k < 22:
        key = _pick(r, PASSWORD_KEYS + SECRET_KEYS)
        return key, V("", "password" if "pass" in "".join(key) or "pwd" in key else "generic-secret", "F", "env-lookup",
                      kind="env")
    if k < 27:
        key = _pick(r, PASSWORD_KEYS + SECRET_KEYS)
        return key, V("", "password" if "pass" in "".join(key) else "generic-secret", "F", "config-read", kind="config")
    if k < 37:
        return _pick(r, ID_KEYS), V(S.uuid4(r) if r.randrange(3) else S.rs(r, S.HEX, 32), "uuid-key", "F", "id")
    if k < 45:
        key = _pick(r, HASH_KEYS)
        if key == ["integrity"]:
            v = "sha512-" + S.b64(S.rbytes(r, 64))
        else:
            v = S.sha(r, r.choice((40, 64, 32)))
        return key, V(v, "generic-secret", "F", "hash")
    if k < 50:
        j = r.randrange(6)
        vals = ((["secret", "name"], "prod/%s/db-credentials" % r.choice(S.WORDS)),
                (["token", "type"], "Bearer"), (["token", "url"], "https://auth.%s.io/oauth/token" % r.choice(S.WORDS)),
                (["password", "min", "length"], str(r.randrange(8, 20))),
                (["secret", "arn"], "arn:aws:secretsmanager:eu-west-1:%s:secret:%s-AbCdEf" % (
                    S.rs(r, S.DG, 12), r.choice(S.WORDS))),
                (["api", "key", "header"], "X-Api-Key"))
        key, v = vals[j]
        return list(key), V(v, "generic-secret", "F", "not-a-value")
    if k < 56:  # provider prefix, placeholder body
        j = r.randrange(8)
        vals = ((["stripe", "secret", "key"], "sk_live_" + "x" * 24, "payment"),
                (["aws", "access", "key", "id"], "AKIA" + S.rs(r, S.B32, 9) + "EXAMPLE", "aws"),
                (["github", "token"], "ghp_" + "x" * 36, "vcs-ci"),
                (["slack", "bot", "token"], "xoxb-your-token-here", "chat-webhook"),
                (["openai", "api", "key"], "sk-...your-key-here", "api-key"),
                (["npm", "token"], "npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "package-registry"),
                (["aws", "secret", "access", "key"], "wJalr" + "X" * 30 + "EXAMPLEKEY", "aws"),
                (["sendgrid", "api", "key"], "SG.your_sendgrid_api_key", "api-key"))
        key, v, fam = vals[j]
        return list(key), V(v, fam, "F", "placeholder")
    if k < 60:
        j = r.randrange(3)
        if j == 0:
            return ["stripe", "publishable", "key"], V("pk_live_" + S.rs(r, S.AN, 24), "payment", "F", "public-id")
        if j == 1:
            return ["twilio", "account", "sid"], V("AC" + S.rs(r, S.HEX, 32), "api-key", "F", "public-id")
        return ["google", "client", "id"], V("%s-%s.apps.googleusercontent.com" % (
            S.rs(r, S.DG, 12), S.rs(r, S.LO + S.DG, 32)), "gcp", "F", "public-id")
    if k < 64:  # a Firebase web apiKey only where the key says so; b_js writes the web config itself
        return ["firebase", "api", "key"], V(S.gcp_api_key(r), "gcp", "L", "firebase-web")
    if k < 72:
        u, h = r.choice(S.USERS), r.choice(S.HOSTS)
        j = r.randrange(6)
        vals = ("postgres://%s@%s:5432/app" % (u, h), "ssh://%s@%s:22" % (u, h),
                "postgres://%s:${DB_PASSWORD}@%s/app" % (u, h), "mysql://%s:<password>@%s/app" % (u, h),
                "https://%s@%s/path" % (u, h), "redis://%s:6379/0" % h)
        return _pick(r, URL_KEYS), V(vals[j], "url-credential", "F", "no-password")
    if k < 78:
        j = r.randrange(4)
        if j == 0:
            return ["authorization"], V("${API_TOKEN}", "bearer", "F", "placeholder", prefix="Bearer ")
        if j == 1:
            return ["authorization"], V("<token>", "bearer", "F", "placeholder", prefix="Bearer ")
        if j == 2:
            return ["auth", "header"], V("{{ token }}", "bearer", "F", "placeholder", prefix="Bearer ")
        return ["authorization"], V("<base64(user:password)>", "basic-auth", "F", "placeholder", prefix="Basic ")
    if k < 84:
        j = r.randrange(4)
        if j == 0:
            v = "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (
                S.b64(S.rbytes(r, 24)), S.b64(S.rbytes(r, 32)), S.b64(S.rbytes(r, 16)))
            return _pick(r, PASSWORD_KEYS + SECRET_KEYS), V(v, "generic-secret", "F", "encrypted")
        if j == 1:
            return ["encrypted", "data"], V("AgB" + S.b64(S.rbytes(r, 180)), "generic-secret", "F", "encrypted")
        if j == 2:
            return ["icon"], V("data:image/png;base64,iVBORw0KGgo" + S.b64(S.rbytes(r, 90)), "generic-secret", "F",
                               "base64-data")
        return ["font", "data"], V(S.b64(S.rbytes(r, 60)), "generic-secret", "F", "base64-data")
    if k < 90:
        j = r.randrange(4)
        if j == 0:
            return r.choice((["seed"], ["random", "seed"])), V(str(r.choice((0, 1, 7, 42, 1234, 2024))), "salt-seed",
                                                               "F", "not-a-secret")
        if j == 1:
            return ["salt", "rounds"], V(str(r.randrange(8, 15)), "salt-seed", "F", "not-a-secret")
        if j == 2:
            return ["nonce", "size"], V(str(r.choice((12, 16, 24))), "salt-seed", "F", "not-a-secret")
        return ["key", "size"], V(str(r.choice((128, 256, 2048, 4096))), "generic-secret", "F", "not-a-secret")
    if k < 95:
        url = ("https://%s.s3.amazonaws.com/%s/%s.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s"
               "%%2F2024%02d%02d%%2Fus-east-1%%2Fs3%%2Faws4_request&X-Amz-Date=2024%02d%02dT120000Z&X-Amz-Expires=3600"
               "&X-Amz-SignedHeaders=host&X-Amz-Signature=%s") % (
            r.choice(S.WORDS), r.choice(S.WORDS), r.choice(S.WORDS), S.aws_key_id(r), r.randrange(1, 13),
            r.randrange(1, 28), r.randrange(1, 13), r.randrange(1, 28), S.sha(r, 64))
        return r.choice((["download", "url"], ["artifact", "url"], ["presigned", "url"])), V(url, "aws", "F",
                                                                                            "presigned-url")
    j = r.randrange(3)
    if j == 0:
        return ["arn"], V("arn:aws:iam::%s:role/%s-deploy" % (S.rs(r, S.DG, 12), r.choice(S.WORDS)), "aws", "F", "id")
    if j == 1:
        return ["email"], V("%s.%s@example.com" % (r.choice(S.WORDS), r.choice(S.WORDS)), "password", "F", "id")
    return ["jwt"], V("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....", "jwt", "F", "placeholder")
