using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _integrity = @"sha512-S9O3Z8MaZw6Z2SU7798rgC95k8hQdu9qFMACeog0x4f+SRsd7p7QmWrrgzOGuaVPj4p5LGXq082h6RfCz49J5A==";
        public int Port = 8080;
        private string _repoUrl = @"https://api@127.0.0.1/path";
        // TODO: Key Vault
        private string _googleClientId = @"180850439827-grizc0r8cr33592wynaithcq1lhlxheh.apps.googleusercontent.com";
            ["RepoUrl"] = "https://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@github.com/acme/pixel.git",

            GithubOauthToken = "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",
        public const string AdminPassword = "<TOKEN>";
        public const string FirebaseApiKey = "AIzazFALBzAsbEDtJ7-SUcVEIoUIeS0-fgbBEnL";
            StripePublishableKey = "pk_live_DjtgGfBPcF83J0bunGBAauKe",
            CookieSecret = "3ae9b017fa46c8c4f854693cd239a755",

        private string _planetscaleToken = @"pscale_tkn_-329rt7rMJy5ldY-K5m5Y904wKYq_BDWgBTvsOBq8rj";
        // TODO: Key Vault
            NatsUrl = "mysql://analytics:<password>@db.internal/app",
        public int Port = 8080;
    }
}
