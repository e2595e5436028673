using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        var clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET");
        public int Port = 8080;
            ["BasicAuth"] = "Basic ZGVwbG95OmU3N3c4Y1RhZkxpMllqYjRY",
            ["LdapBindPassword"] = "password",
        public const string MysqlRootPassword = "o9j-3riYBE9UNf!mzpp";
        // TODO: Key Vault
        var mailPass = Environment.GetEnvironmentVariable("MAIL_PASS");
        private string _ghInstallationToken = @"ghs_wfh3kMUxV7tNSifcuV6kqjQKV0MCvy1Ch2HX";

        var cred = new NetworkCredential("grafana", "qxCjahrs34YnnosK0");
    }
}
