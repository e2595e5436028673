"""Doc (a file being written, with its labels) and the renderers that write one key/value
item in each syntax, for tests/corpus/generate.py."""
import shapes as S
import items as I
from items import V

WHOLE_FILE = ("credential-file", "private-key", "private-key-encrypted", "docker-auth")


class Doc:
    """One file being written: its lines and the labels on them."""

    def __init__(self, path):
        self.path, self.lines, self.labels = path, [], []

    def text(self, *lines):
        for ln in lines:
            self.lines.extend(ln.split("\n"))

    def add(self, *parts):
        """Appends one line made of parts: strings are written as is, a V is written with its
        prefix and suffix and labelled with the columns of its value."""
        line, spans = "", []
        for p in parts:
            if isinstance(p, V):
                line += p.prefix
                spans.append((p, len(line) + 1, len(line) + len(p.value)))
                line += p.value + p.suffix
            else:
                line += p
        self.lines.append(line)
        for v, a, b in spans:
            self.labels.append((len(self.lines), len(self.lines), v, "%d-%d" % (a, b) if b >= a else ""))

    def block(self, lines, family, gt, note=""):
        """Appends several lines labelled as one value (a PEM key)."""
        start = len(self.lines) + 1
        self.lines.extend(lines)
        self.labels.append((start, len(self.lines), V("", family, gt, note), ""))

    def label_lines(self, start, end, family, gt, note=""):
        self.labels.append((start, end, V("", family, gt, note), ""))


# ---- key casing ----------------------------------------------------------------------------------
def case(words, style):
    if style == "snake":
        return "_".join(words)
    if style == "screaming":
        return "_".join(words).upper()
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if style == "pascal":
        return "".join(w.capitalize() for w in words)
    if style == "kebab":
        return "-".join(words)
    if style == "dot":
        return ".".join(words)
    if style == "header":
        return "-".join(w.capitalize() for w in words)
    return "".join(words)


def key(r, words, styles):
    return case(words, r.choice(styles))


def env_name(words):
    return case(words, "screaming")


# ---- language-specific pieces --------------------------------------------------------------------
ENV = {
    "py": lambda r, k: r.choice(('os.environ["%s"]', 'os.getenv("%s")', "os.environ.get('%s')")) % k,
    "go": lambda r, k: 'os.Getenv("%s")' % k,
    "js": lambda r, k: r.choice(("process.env.%s", "process.env['%s']")) % k,
    "java": lambda r, k: 'System.getenv("%s")' % k,
    "cs": lambda r, k: 'Environment.GetEnvironmentVariable("%s")' % k,
    "rb": lambda r, k: r.choice(("ENV['%s']", "ENV.fetch('%s')")) % k,
    "php": lambda r, k: r.choice(("getenv('%s')", "$_ENV['%s']", "env('%s')")) % k,
    "sh": lambda r, k: r.choice(("${%s}", "$%s", "${%s:?missing}")) % k,
    "ps1": lambda r, k: "$env:%s" % k,
    "conf": lambda r, k: r.choice(("${%s}", "${env:%s}", "%%(ENV_%s)s")) % k,
}
CONFIG = {
    "py": lambda r, k: r.choice(('config["%s"]', 'settings.get("%s")', "cfg.get('db', '%s')")) % k,
    "go": lambda r, k: r.choice(('viper.GetString("%s")', 'cfg.Get("%s")')) % k,
    "js": lambda r, k: r.choice(("config.get('%s')", "cfg['%s']")) % k,
    "java": lambda r, k: r.choice(('props.getProperty("%s")', 'env.getProperty("%s")')) % k,
    "cs": lambda r, k: 'Configuration["%s"]' % k,
    "rb": lambda r, k: "Rails.application.credentials.dig(:%s)" % k,
    "php": lambda r, k: "config('%s')" % k,
    "sh": lambda r, k: '$(vault kv get -field=%s secret/app)' % k,
    "ps1": lambda r, k: "(Get-Secret -Name %s -AsPlainText)" % k,
    "conf": lambda r, k: "{{ .Values.%s }}" % k,
}


def expr_value(r, lang, words, v):
    """Resolves an env/config lookup V to its expression in `lang` (mutates v.value)."""
    if v.kind == "env":
        v.value = ENV[lang](r, env_name(words))
    elif v.kind == "config":
        v.value = CONFIG[lang](r, case(words, "dot" if lang in ("java", "conf") else "snake"))
    return v.kind != "literal"


def q(r, quotes=('"', "'")):
    return r.choice(quotes)


# ---- renderers: one key/value item in each syntax -------------------------------------------------
def r_py(d, r, words, v):
    if expr_value(r, "py", words, v):
        d.add("%s = " % key(r, words, ("snake", "screaming")), v)
        return
    c, k = q(r), key(r, words, ("snake", "screaming"))
    j = r.randrange(6)
    if j == 0:
        d.add("%s = %s" % (k, c), v, c)
    elif j == 1:
        d.add("    %s%s%s: %s" % (c, case(words, "snake"), c, c), v, c + ",")
    elif j == 2:
        d.add("    conn = connect(host=%s, %s=%s" % (repr(r.choice(S.HOSTS)), case(words, "snake"), c), v, c + ")")
    elif j == 3:
        d.add("%s = os.environ.get(%s%s%s, %s" % (case(words, "snake"), c, env_name(words), c, c), v, c + ")")
    elif j == 4:
        d.add("%s = os.getenv(%s%s%s, %s" % (case(words, "snake"), c, env_name(words), c, c), v, c + ")")
    else:
        d.add("        self.%s = %s" % (case(words, "snake"), c), v, c)


def r_go(d, r, words, v):
    if expr_value(r, "go", words, v):
        d.add("\t%s := " % key(r, words, ("camel",)), v)
        return
    j = r.randrange(6)
    if j == 0:
        d.add("const %s = \"" % key(r, words, ("camel", "pascal")), v, '"')
    elif j == 1:
        d.add("\t\t%s: \"" % case(words, "pascal"), v, '",')
    elif j == 2:
        d.add("\t%s := `" % case(words, "camel"), v, "`")
    elif j == 3:
        d.add('\t%s := getEnvOrDefault("%s", "' % (case(words, "camel"), env_name(words)), v, '")')
    elif j == 4:
        d.add('\t"%s": "' % case(words, r.choice(("snake", "kebab"))), v, '",')
    else:
        d.add('\tbody := "{\\"%s\\":\\"' % case(words, "camel"), v, '\\"}"')


def r_js(d, r, words, v, ts=False):
    if expr_value(r, "js", words, v):
        d.add("const %s = " % key(r, words, ("camel", "screaming")), v, ";")
        return
    c = q(r, ('"', "'", "`"))
    j = r.randrange(6)
    if j == 0:
        d.add("const %s = %s" % (key(r, words, ("camel", "screaming")), c), v, c + ";")
    elif j == 1:
        d.add("  %s: %s" % (case(words, "camel"), c), v, c + ",")
    elif j == 2:
        d.add("const %s = process.env.%s || %s" % (case(words, "camel"), env_name(words), c), v, c + ";")
    elif j == 3 and ts:
        d.add("  private readonly %s: string = %s" % (case(words, "camel"), c), v, c + ";")
    elif j == 4:
        d.add("  %s%s%s: %s" % ('"', case(words, "snake"), '"', '"'), v, '",')
    else:
        d.add("const payload = '{\"%s\":\"" % case(words, "camel"), v, "\"}';")


def r_java(d, r, words, v):
    if expr_value(r, "java", words, v):
        d.add("        String %s = " % case(words, "camel"), v, ";")
        return
    j = r.randrange(5)
    if j == 0:
        d.add("    private static final String %s = \"" % case(words, "screaming"), v, '";')
    elif j == 1:
        d.add('        props.setProperty("%s", "' % case(words, "dot"), v, '");')
    elif j == 2:
        d.add('            .%s("' % case(words, "camel"), v, '")')
    elif j == 3:
        d.add('    @Value("${%s:' % case(words, "dot"), v, '}")')
    else:
        d.add('        String json = "{\\"%s\\": \\"' % case(words, "camel"), v, '\\"}";')


def r_cs(d, r, words, v):
    if expr_value(r, "cs", words, v):
        d.add("        var %s = " % case(words, "camel"), v, ";")
        return
    j = r.randrange(4)
    if j == 0:
        d.add("        public const string %s = \"" % case(words, "pascal"), v, '";')
    elif j == 1:
        d.add('            ["%s"] = "' % case(words, "pascal"), v, '",')
    elif j == 2:
        d.add('        private string %s = @"' % ("_" + case(words, "camel")), v, '";')
    else:
        d.add('            %s = "' % case(words, "pascal"), v, '",')


def r_rb(d, r, words, v):
    if expr_value(r, "rb", words, v):
        d.add("  %s = " % case(words, "snake"), v)
        return
    c = q(r)
    j = r.randrange(5)
    if j == 0:
        d.add("%s = %s" % (case(words, "screaming"), c), v, c)
    elif j == 1:
        d.add("  %s: %s" % (case(words, "snake"), c), v, c + ",")
    elif j == 2:
        d.add("  :%s => %s" % (case(words, "snake"), c), v, c + ",")
    elif j == 3:
        d.add("  %s = ENV.fetch(%s%s%s, %s" % (case(words, "snake"), c, env_name(words), c, c), v, c + ")")
    else:
        d.add("  config.%s = %s" % (case(words, "snake"), c), v, c)


def r_php(d, r, words, v):
    if expr_value(r, "php", words, v):
        d.add("$%s = " % case(words, "camel"), v, ";")
        return
    c = q(r)
    j = r.randrange(4)
    if j == 0:
        d.add("$%s = %s" % (case(words, r.choice(("camel", "snake"))), c), v, c + ";")
    elif j == 1:
        d.add("    %s%s%s => %s" % (c, case(words, "snake"), c, c), v, c + ",")
    elif j == 2:
        d.add("define(%s%s%s, %s" % (c, case(words, "screaming"), c, c), v, c + ");")
    else:
        d.add("$%s = getenv('%s') ?: %s" % (case(words, "camel"), env_name(words), c), v, c + ";")


def r_sh(d, r, words, v):
    if expr_value(r, "sh", words, v):
        d.add("%s=\"" % env_name(words), v, '"')
        return
    j = r.randrange(3)
    if j == 0:
        d.add("export %s=" % env_name(words), v)
    elif j == 1:
        d.add("%s=\"" % env_name(words), v, '"')
    else:
        d.add("export %s='" % env_name(words), v, "'")


def r_ps1(d, r, words, v):
    if expr_value(r, "ps1", words, v):
        d.add("$%s = " % case(words, "pascal"), v)
        return
    j = r.randrange(3)
    if j == 0:
        d.add('$%s = "' % case(words, "pascal"), v, '"')
    elif j == 1:
        d.add("$env:%s = '" % env_name(words), v, "'")
    else:
        d.add('    %s = "' % case(words, "pascal"), v, '"')


def yaml_scalar(r, v):
    plain = v.value[:1].isalnum() and " " not in v.value and "#" not in v.value and ": " not in v.value \
        and not v.prefix
    c = r.choice(("", '"', "'")) if plain else r.choice(('"', "'"))
    return c


def r_yaml(d, r, words, v, indent="  "):
    if expr_value(r, "conf", words, v):
        d.add("%s%s: \"" % (indent, case(words, "snake")), v, '"')
        return
    c = yaml_scalar(r, v)
    d.add("%s%s: %s" % (indent, key(r, words, ("snake", "camel", "kebab")), c), v, c)


def r_json(d, r, words, v, indent="    "):
    if expr_value(r, "conf", words, v):
        pass
    d.add('%s"%s": "' % (indent, key(r, words, ("snake", "camel", "pascal"))), v, '",')


def r_xml(d, r, words, v):
    expr_value(r, "conf", words, v)
    j = r.randrange(3)
    if j == 0:
        d.add('    <add key="%s" value="' % case(words, "pascal"), v, '" />')
    elif j == 1:
        d.add("    <%s>" % case(words, "camel"), v, "</%s>" % case(words, "camel"))
    else:
        d.add('    <property name="%s" value="' % case(words, "dot"), v, '"/>')


def r_props(d, r, words, v):
    expr_value(r, "conf", words, v)
    d.add("%s%s" % (key(r, words, ("dot", "kebab", "snake")), r.choice(("=", " = ", ": "))), v)


def r_ini(d, r, words, v):
    expr_value(r, "conf", words, v)
    d.add("%s = " % key(r, words, ("snake", "kebab")), v)


def r_toml(d, r, words, v):
    expr_value(r, "conf", words, v)
    d.add('%s = "' % case(words, "snake"), v, '"')


def r_env(d, r, words, v):
    expr_value(r, "sh", words, v)
    c = r.choice(("", "", '"', "'"))
    d.add("%s%s=%s" % (r.choice(("", "", "export ")), env_name(words), c), v, c)


def r_tf(d, r, words, v):
    expr_value(r, "conf", words, v)
    d.add('  %s = "' % case(words, "snake"), v, '"')


def r_docker(d, r, words, v):
    expr_value(r, "sh", words, v)
    d.add("%s %s=" % (r.choice(("ENV", "ARG")), env_name(words)), v)


RENDER = {"py": r_py, "go": r_go, "js": r_js, "ts": lambda d, r, w, v: r_js(d, r, w, v, ts=True), "java": r_java,
          "cs": r_cs, "rb": r_rb, "php": r_php, "sh": r_sh, "ps1": r_ps1, "yaml": r_yaml, "json": r_json,
          "xml": r_xml, "properties": r_props, "ini": r_ini, "toml": r_toml, "env": r_env, "tf": r_tf,
          "dockerfile": r_docker}


def draw(r, pos_share=0.5):
    return I.positive(r) if r.random() < pos_share else I.negative(r)


