using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _repoUrl = @"https://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@github.com/acme/fjord.git";
        public const string ServicePassword = "Dragon1998";
        public int Port = 8080;
        private string _passwd = @"Fjord2013";
            MailPass = "fjord-umber-cedar52",
        public const string SecretArn = "arn:aws:secretsmanager:eu-west-1:094014545322:secret:cedar-AbCdEf";
        private string _sendgridApiKey = @"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";

        var cred = new NetworkCredential("ops", "mc~7j_Uxdy^ncHBjX4G-jr.3");
    }
}
