using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["Token"] = "base64:zgGmeTBuAfsjIjkvpIwJ5PcHQRIAR8CJk3junEo8T34=",
            HerokuApiKey = "f27250e0-4b03-48e5-b1f9-95e935e451b6",

            ["Arn"] = "arn:aws:iam::681747797317:role/domino-deploy",
            ["DatabaseUrl"] = "postgres://webapp:${DB_PASSWORD}@db.internal/app",
        public const string AccessToken = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MmU5MWY1Zi00ODA5LTRmYzMtYjE3MC1mYjEyMzIwZDc3MTYiLCJuYW1lIjoiYmlsbGluZyIsImlhdCI6MTYwNzIwMTQzNSwiZXhwIjoxNjA3Mjg3ODM1fQ.rxE6mVB02knegjnIZSesRngHrlqP0jKf32y84JNATGA";
        private string _replicateApiToken = @"r8_6GIJkfrvGwTMDGfL7SMouzhDHEcCJqPpRD7Pi";
            ["RepoUrl"] = "https://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@github.com/acme/willow.git",
        private string _secret = @"TPtO19cc-6q1_o5HUOy-XTGnlnlANOmET99vVkY2J8I";

    }
}
