"""Value shapes for the labelled corpus: fake secrets and hard negatives.

Every value is drawn from the generator's seeded random.Random, so the corpus is
reproducible byte for byte. Provider prefixes, lengths, alphabets and checksum
schemes are public format facts; every value after the prefix is random and belongs
to no account. True secrets carry no FAKE/EXAMPLE marker (see README.md: a marker
would let a scanner's placeholder logic pass the test for the wrong reason);
negatives use the markers real placeholders use.
"""
import base64
import binascii
import hashlib
import string
import uuid as uuidlib

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
B62 = DG + UP + LO  # GitHub's base62 digit order
B64 = UP + LO + DG + "+/"
B64U = UP + LO + DG + "-_"
HEX = "0123456789abcdef"
B32 = UP + "234567"
PW_SPECIAL = "!*-_.+~^"

# Our own short word list for word-like passwords and usernames.
WORDS = ("amber", "river", "falcon", "copper", "maple", "orbit", "pixel", "harbor", "cobalt", "tiger",
         "summer", "winter", "delta", "echo", "lotus", "nimbus", "quartz", "saffron", "thunder", "violet",
         "walnut", "zephyr", "basil", "cedar", "dragon", "ember", "fjord", "garnet", "hazel", "indigo",
         "jasper", "kiwi", "lemon", "mango", "nova", "opal", "pepper", "raven", "sierra", "tundra",
         "umber", "vortex", "willow", "yonder", "zinc", "anchor", "bishop", "canyon", "domino", "galaxy")
USERS = ("admin", "app", "deploy", "svc_api", "ci", "root", "backend", "report", "etl", "grafana", "jenkins",
         "postgres", "webapp", "billing", "sync", "mailer", "worker", "ops", "analytics", "api")
HOSTS = ("db.internal", "10.0.3.17", "pg-primary.prod.svc", "mysql.example.net", "localhost", "127.0.0.1",
         "redis.cache.local", "mq.internal.corp", "mongo-0.mongo", "db", "postgres", "rabbitmq",
         "sql01.corp.lan", "orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com", "cache")


def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def rbytes(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def uuid4(r):
    return str(uuidlib.UUID(int=r.getrandbits(128), version=4))


def base62_crc(payload):
    v = binascii.crc32(payload.encode()) & 0xFFFFFFFF
    out = ""
    while v:
        out = B62[v % 62] + out
        v //= 62
    return out.rjust(6, "0")


def checksummed(prefix, r):
    """A GitHub/npm-style token: prefix, 30 base62 characters, CRC32 of them in 6 base62 digits."""
    body = rs(r, AN, 30)
    return prefix + body + base62_crc(body)


def atlassian(body, _discarded_check):
    """An Atlassian Cloud token: the body, then the CRC32 of it in 8 upper-case hex digits
    (the random check digits are still drawn, so the draws after it do not move)."""
    return body + "%08X" % (binascii.crc32(body.encode()) & 0xFFFFFFFF)


def _varint(n):
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])


def pypi_token(material):
    """A PyPI token: 'pypi-' and a version-2 macaroon (location pypi.org, an identifier made of
    `material`, one empty caveat packet end, a 32-byte signature derived from it)."""
    def field(kind, data):
        return _varint(kind) + _varint(len(data)) + data
    raw = material.encode()
    macaroon = (bytes([2]) + field(1, b"pypi.org") + field(2, raw) + b"\0" + b"\0" +
                field(6, hashlib.sha256(raw).digest()))
    return "pypi-" + b64url(macaroon)


# ---- passwords -------------------------------------------------------------------------------
def password(r):
    k = r.randrange(7)
    if k == 0:  # word + year / digits: 'Pseg2020'
        return r.choice(WORDS).capitalize() + str(r.randrange(1990, 2031))
    if k == 1:  # short lowercase + digits: 'kszs82'
        return rs(r, LO, r.randrange(4, 6)) + rs(r, DG, 2)
    if k == 2:  # dashed: 'uuy-kd83-x'
        return rs(r, LO, 3) + "-" + rs(r, LO + DG, 4) + "-" + rs(r, LO, 1)
    if k == 3:  # strong generated
        return rs(r, AN + PW_SPECIAL, r.randrange(12, 25))
    if k == 4:  # passphrase
        return "-".join(r.choice(WORDS) for _ in range(3)) + str(r.randrange(10, 99))
    if k == 5:  # hex
        return rs(r, HEX, r.choice((6, 8, 12)))
    return r.choice(WORDS) + r.choice("!*.") + rs(r, DG, 3) + rs(r, UP, 1)


def url_password(r):
    """A password safe inside URL userinfo without escaping."""
    k = r.randrange(4)
    if k == 0:
        return r.choice(WORDS).capitalize() + str(r.randrange(1990, 2031))
    if k == 1:
        return rs(r, LO, 4) + rs(r, DG + LO, 4)
    return rs(r, AN, r.randrange(10, 28))


# ---- generic secrets -------------------------------------------------------------------------
def generic_secret(r):
    k = r.randrange(6)
    if k == 0:
        return rs(r, HEX, r.choice((32, 40, 64)))
    if k == 1:
        return b64(rbytes(r, r.choice((24, 32, 48))))
    if k == 2:
        return rs(r, AN, r.randrange(20, 48))
    if k == 3:
        return b64url(rbytes(r, 32))
    if k == 4:
        return "base64:" + b64(rbytes(r, 32))
    return rs(r, AN + "-_", r.randrange(16, 40))


# ---- provider API keys -----------------------------------------------------------------------
API_KEYS = {  # name: (key-name words choices, generator)
    "openai": ((["openai", "api", "key"], ["openai", "key"]),
               lambda r: r.choice(("sk-", "sk-proj-")) + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20)),
    "anthropic": ((["anthropic", "api", "key"], ["claude", "key"]),
                  lambda r: "sk-ant-api03-" + rs(r, B64U, 93) + "AA"),
    "sendgrid": ((["sendgrid", "api", "key"], ["sendgrid", "key"]),
                 lambda r: "SG." + rs(r, B64U, 22) + "." + rs(r, B64U, 43)),
    "mailgun": ((["mailgun", "api", "key"], ["mailgun", "key"]), lambda r: "key-" + rs(r, HEX, 32)),
    "mailchimp": ((["mailchimp", "api", "key"], ["mc", "api", "key"]),
                  lambda r: rs(r, HEX, 32) + "-us" + str(r.randrange(1, 22))),
    "twilio": ((["twilio", "auth", "token"], ["twilio", "token"]), lambda r: rs(r, HEX, 32)),
    "huggingface": ((["hf", "token"], ["huggingface", "token"]), lambda r: "hf_" + rs(r, UP + LO, 34)),
    "datadog": ((["dd", "api", "key"], ["datadog", "api", "key"]), lambda r: rs(r, HEX, 32)),
    "newrelic": ((["new", "relic", "api", "key"], ["newrelic", "key"]), lambda r: "NRAK-" + rs(r, UP + DG, 27)),
    "digitalocean": ((["do", "token"], ["digitalocean", "token"]), lambda r: "dop_v1_" + rs(r, HEX, 64)),
    "shopify": ((["shopify", "access", "token"], ["shopify", "token"]), lambda r: "shpat_" + rs(r, HEX, 32)),
    "linear": ((["linear", "api", "key"],), lambda r: "lin_api_" + rs(r, AN, 40)),
    "notion": ((["notion", "token"], ["notion", "secret"]), lambda r: "secret_" + rs(r, AN, 43)),
    "postman": ((["postman", "api", "key"],), lambda r: "PMAK-" + rs(r, HEX, 24) + "-" + rs(r, HEX, 34)),
    "atlassian": ((["jira", "api", "token"], ["atlassian", "token"]),
                  lambda r: atlassian("ATATT3xFfGF0" + rs(r, B64U, 170) + "=", rs(r, HEX.upper(), 8))),
    "dropbox": ((["dropbox", "token"], ["dropbox", "access", "token"]), lambda r: "sl." + rs(r, B64U, 135)),
    "dropbox-app": ((["dropbox", "app", "secret"],), lambda r: rs(r, LO + DG, 15)),
    "wechat": ((["wechat", "app", "secret"], ["appsecret"]), lambda r: rs(r, HEX, 32)),
    "grafana": ((["grafana", "token"], ["grafana", "sa", "token"]),
                lambda r: "glsa_" + rs(r, AN, 32) + "_" + rs(r, HEX, 8)),
    "vault": ((["vault", "token"],), lambda r: "hvs." + rs(r, AN + "_-", 24)),
    "pulumi": ((["pulumi", "access", "token"],), lambda r: "pul-" + rs(r, HEX, 40)),
    "age": ((["sops", "age", "key"], ["age", "secret", "key"]),
            lambda r: "AGE-SECRET-KEY-1" + rs(r, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
    "doppler": ((["doppler", "token"],), lambda r: "dp.st.prd." + rs(r, AN, 43)),
    "contentful": ((["contentful", "management", "token"],), lambda r: "CFPAT-" + rs(r, B64U, 43)),
    "planetscale": ((["planetscale", "token"],), lambda r: "pscale_tkn_" + rs(r, B64U, 43)),
    "replicate": ((["replicate", "api", "token"],), lambda r: "r8_" + rs(r, AN, 37)),
    "groq": ((["groq", "api", "key"],), lambda r: "gsk_" + rs(r, AN, 52)),
    "algolia": ((["algolia", "admin", "key"],), lambda r: rs(r, HEX, 32)),
    "okta": ((["okta", "api", "token"],), lambda r: "00" + rs(r, B64U, 40)),
    "sentry": ((["sentry", "auth", "token"],), lambda r: "sntryu_" + rs(r, HEX, 64)),
}

# ---- cloud -----------------------------------------------------------------------------------
def aws_key_id(r, prefix="AKIA"):
    return prefix + rs(r, B32, 16)


def aws_secret(r):
    return rs(r, UP + LO + DG + "/+", 40)


def aws_session_token(r):
    return "IQoJb3JpZ2luX2Vj" + rs(r, B64, 300) + "="


def gcp_api_key(r):
    return "AIza" + rs(r, B64U, 35)


def gcp_oauth_secret(r):
    return "GOCSPX-" + rs(r, B64U, 28)


def azure_storage_key(r):
    return b64(rbytes(r, 64))


def azure_client_secret(r):
    return rs(r, AN, 3) + "8Q~" + rs(r, AN + "_.~-", 34)


def azure_devops_pat(r):
    return rs(r, "abcdefghijklmnopqrstuvwxyz234567", 52)


def azure_sas_sig(r):
    return b64(rbytes(r, 32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


# ---- VCS / CI --------------------------------------------------------------------------------
VCS = {
    "github-pat": ((["github", "token"], ["gh", "token"], ["github", "pat"]), lambda r: checksummed("ghp_", r)),
    "github-oauth": ((["github", "oauth", "token"],), lambda r: checksummed("gho_", r)),
    "github-app": ((["github", "app", "token"], ["gh", "installation", "token"]),
                   lambda r: checksummed(r.choice(("ghs_", "ghu_")), r)),
    "github-refresh": ((["github", "refresh", "token"],), lambda r: checksummed("ghr_", r)),
    "github-fine": ((["github", "token"], ["gh", "pat"]),
                    lambda r: "github_pat_" + rs(r, AN, 22) + "_" + rs(r, AN, 59)),
    "gitlab-pat": ((["gitlab", "token"], ["gl", "token"], ["gitlab", "private", "token"]),
                   lambda r: "glpat-" + rs(r, AN + "-_", 20)),
    "gitlab-runner": ((["runner", "token"], ["gitlab", "runner", "token"]), lambda r: "glrt-" + rs(r, AN + "-_", 20)),
    "gitlab-trigger": ((["trigger", "token"],), lambda r: "glptt-" + rs(r, HEX, 40)),
    "bitbucket": ((["bitbucket", "app", "password"],), lambda r: "ATBB" + rs(r, AN, 32) + rs(r, HEX.upper(), 8)),
    "circleci": ((["circle", "token"], ["circleci", "token"]),
                 lambda r: "CCIPAT_" + rs(r, AN, 22) + "_" + rs(r, HEX, 40)),
    "buildkite": ((["buildkite", "api", "token"],), lambda r: "bkua_" + rs(r, HEX, 40)),
    "jenkins": ((["jenkins", "api", "token"], ["jenkins", "token"]), lambda r: "11" + rs(r, HEX, 32)),
    "travis": ((["travis", "token"],), lambda r: rs(r, AN, 22)),
}

# ---- payments --------------------------------------------------------------------------------
PAYMENT = {
    "stripe": ((["stripe", "secret", "key"], ["stripe", "key"], ["stripe", "api", "key"]),
               lambda r: "sk_live_" + rs(r, AN, r.choice((24, 32, 99)))),
    "stripe-restricted": ((["stripe", "restricted", "key"],), lambda r: "rk_live_" + rs(r, AN, r.choice((24, 99)))),
    "stripe-webhook": ((["stripe", "webhook", "secret"], ["webhook", "signing", "secret"]),
                       lambda r: "whsec_" + rs(r, AN, 32)),
    "square": ((["square", "access", "token"],), lambda r: "EAAA" + rs(r, B64U, 60)),
    "square-oauth": ((["square", "oauth", "secret"],), lambda r: "sq0csp-" + rs(r, B64U, 43)),
    "braintree": ((["braintree", "access", "token"],),
                  lambda r: "access_token$production$" + rs(r, LO + DG, 16) + "$" + rs(r, HEX, 32)),
    "paypal": ((["paypal", "client", "secret"],), lambda r: "E" + rs(r, B64U, 79)),
    "razorpay": ((["razorpay", "key", "secret"],), lambda r: rs(r, AN, 24)),
}

# ---- chat / webhooks -------------------------------------------------------------------------
def slack_bot(r):
    return "xoxb-" + rs(r, DG, 11) + "-" + rs(r, DG, 13) + "-" + rs(r, AN, 24)


def slack_user(r):
    return "xoxp-" + rs(r, DG, 11) + "-" + rs(r, DG, 11) + "-" + rs(r, DG, 13) + "-" + rs(r, HEX, 32)


def slack_app(r):
    return "xapp-1-A" + rs(r, UP + DG, 10) + "-" + rs(r, DG, 13) + "-" + rs(r, HEX, 64)


def slack_legacy(r):  # repetitive digits (the xoxa-2-5111… miss)
    d = r.choice(DG)
    return "xoxa-2-" + d * 4 + rs(r, DG, 7) + "-" + rs(r, DG, 12) + "-" + rs(r, HEX, 32)


def slack_webhook(r):
    return "https://hooks.slack.com/services/T" + rs(r, UP + DG, 10) + "/B" + rs(r, UP + DG, 10) + "/" + rs(r, AN, 24)


def discord_webhook(r):
    return "https://discord.com/api/webhooks/" + rs(r, DG, 19) + "/" + rs(r, B64U, 68)


def teams_webhook(r):
    return ("https://contoso%d.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s"
            % (r.randrange(100), uuid4(r), uuid4(r), rs(r, HEX, 32), uuid4(r)))


def telegram_bot(r):
    return rs(r, DG, 10) + ":AA" + rs(r, B64U, 33)


def discord_bot(r):
    return b64(str(r.randrange(10 ** 17, 10 ** 18)).encode()).rstrip("=") + "." + rs(r, B64U, 6) + "." + rs(r, B64U, 38)


# ---- package registries ----------------------------------------------------------------------
REGISTRY = {
    "npm": ((["npm", "token"], ["npm", "auth", "token"]), lambda r: checksummed("npm_", r)),
    "pypi": ((["pypi", "token"], ["twine", "password"], ["pypi", "api", "token"]),
             lambda r: pypi_token(rs(r, B64U, r.randrange(70, 140)))),
    "nuget": ((["nuget", "api", "key"],), lambda r: "oy2" + rs(r, LO + DG, 43)),
    "rubygems": ((["gem", "host", "api", "key"], ["rubygems", "api", "key"]), lambda r: "rubygems_" + rs(r, HEX, 48)),
    "dockerhub": ((["docker", "hub", "token"], ["dockerhub", "pat"]), lambda r: "dckr_pat_" + rs(r, B64U, 27)),
    "jfrog": ((["artifactory", "api", "key"], ["jfrog", "token"]), lambda r: "AKCp" + rs(r, AN, 69)),
}

# ---- private keys ----------------------------------------------------------------------------
DER_HEAD = {
    "RSA PRIVATE KEY": bytes.fromhex("308204a40201000282010100"),
    "PRIVATE KEY": bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8"),
    "EC PRIVATE KEY": bytes.fromhex("30770201010420"),
    "DSA PRIVATE KEY": bytes.fromhex("308201bb02010002818100"),
}
DER_LEN = {"RSA PRIVATE KEY": 1190, "PRIVATE KEY": 1218, "EC PRIVATE KEY": 121, "DSA PRIVATE KEY": 447}


def wrap64(s):
    return [s[i:i + 64] for i in range(0, len(s), 64)]


def pem_body(r, kind):
    head = DER_HEAD[kind]
    return b64(head + rbytes(r, DER_LEN[kind] - len(head)))


def pem_lines(r, kind):
    return ["-----BEGIN %s-----" % kind] + wrap64(pem_body(r, kind)) + ["-----END %s-----" % kind]


def openssh_lines(r, encrypted=False):
    cipher, kdf = (b"aes256-ctr", b"bcrypt") if encrypted else (b"none", b"none")
    head = b"openssh-key-v1\0" + len(cipher).to_bytes(4, "big") + cipher + len(kdf).to_bytes(4, "big") + kdf
    body = b64(head + rbytes(r, 370 if not encrypted else 400))
    return ["-----BEGIN OPENSSH PRIVATE KEY-----"] + [body[i:i + 70] for i in range(0, len(body), 70)] + \
        ["-----END OPENSSH PRIVATE KEY-----"]


def encrypted_pem_lines(r):
    if r.randrange(2):
        body = b64(bytes.fromhex("308205") + rbytes(r, 1290))
        return ["-----BEGIN ENCRYPTED PRIVATE KEY-----"] + wrap64(body) + ["-----END ENCRYPTED PRIVATE KEY-----"]
    return (["-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
             "DEK-Info: AES-256-CBC," + rs(r, HEX.upper(), 32), ""] +
            wrap64(b64(rbytes(r, 1192))) + ["-----END RSA PRIVATE KEY-----"])


def public_key_lines(r):
    k = r.randrange(2)
    if k == 0:
        body = b64(bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00") + rbytes(r, 270))
        return ["-----BEGIN PUBLIC KEY-----"] + wrap64(body) + ["-----END PUBLIC KEY-----"]
    body = b64(bytes.fromhex("308203") + rbytes(r, 700))
    return ["-----BEGIN CERTIFICATE-----"] + wrap64(body) + ["-----END CERTIFICATE-----"]


def ssh_public(r, user):
    if r.randrange(2):
        return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(rbytes(r, 32))[:43] + " " + user
    return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + b64(rbytes(r, 256)) + " " + user


# ---- JWT -------------------------------------------------------------------------------------
def jwt(r):
    alg = r.choice(("HS256", "RS256", "ES256", "HS512"))
    header = '{"alg":"%s","typ":"JWT"}' % alg
    iat = 1600000000 + r.randrange(10 ** 8)
    payload = '{"sub":"%s","name":"%s","iat":%d,"exp":%d}' % (
        r.choice((uuid4(r), str(r.randrange(10 ** 6)))), r.choice(USERS), iat, iat + r.choice((3600, 86400, 31536000)))
    sig = rbytes(r, 64 if alg in ("RS256",) else 32) if alg != "HS512" else rbytes(r, 64)
    if alg == "RS256":
        sig = rbytes(r, 256)
    return b64url(header.encode()) + "." + b64url(payload.encode()) + "." + b64url(sig)


# ---- misc ------------------------------------------------------------------------------------
def basic_token(r, user=None, pw=None):
    return b64(((user or r.choice(USERS)) + ":" + (pw or url_password(r))).encode())


def bearer_token(r):
    k = r.randrange(3)
    if k == 0:
        return rs(r, AN, 40)
    if k == 1:
        return rs(r, LO, 3) + "-" + rs(r, HEX, 32)
    return b64url(rbytes(r, 32))


def totp_seed(r):
    return rs(r, B32, r.choice((16, 32)))


def nats_seed(r):
    return "SU" + rs(r, B32, 56)


def salt(r):
    return r.choice((lambda: rs(r, AN, 16), lambda: rs(r, HEX, 32), lambda: b64(rbytes(r, 16)),
                     lambda: "$2b$12$" + rs(r, AN + "./", 22)))()


def sha(r, n):
    return rs(r, HEX, n)
