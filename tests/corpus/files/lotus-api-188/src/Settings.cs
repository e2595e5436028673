using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _azureDevopsPat = @"r5jnfgpvazaa2rjhztybqcwdisqwjxntvbjadi77ptw3vnalpzik";
        public int Port = 8080;
            RepoUrl = "redis://ci:JThv61XBdTtRj@sql01.corp.lan:6379/garnet",
        public const string OrderId = "4b979a1ad66dd317253992afd732f2ec";
        private string _checksum = @"1a6fb27346b0c999721139a31dcb308f32ef34ab";
        private string _triggerToken = @"glptt-78d0ba0ada2d3ea09040fa16a69493965177b8eb";

            ["ApiToken"] = "7a60598e-4745-4144-a7f6-59d9652f9bab",
            ["KeystorePassword"] = "yonder-river-zinc43",
        private string _randomSeed = @"7";

        public const string LdapBindPassword = "{{ .Values.db.password }}";

        public const string SlackWebhookUrl = "https://hooks.slack.com/services/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";
        // TODO: Key Vault
    }
}
