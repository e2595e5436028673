using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            SlackWebhookUrl = "https://hooks.slack.com/services/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",
            AppSecret = "usR5CqDHjlfpQMFgppX8Br4TQLXhEAgF",
        public const string DatabasePassword = "j15pH-Ypq55XUeGcf";
        var masterPassword = Environment.GetEnvironmentVariable("MASTER_PASSWORD");
            ["BuildkiteApiToken"] = "bkua_2c239985e1efdda6bfcbe16c9d0b1d74db7d7e18",
        public const string KeystorePassword = "none";
    }
}
