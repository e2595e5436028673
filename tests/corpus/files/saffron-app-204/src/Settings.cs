using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string AccessToken = "w0b/tk8TFfolje3RUiNCREsIWAj0SRbt";
        public int Port = 8080;
            ["LicenseKey"] = "17677f50-8293-4bef-b126-437d802d5b37",
        public const string SessionId = "9d103409530b78c558b2934d7507168c";
        public int Port = 8080;
        public const string LicenseKey = "76d03c99-83ab-4bbc-aa44-9eaf981fc63a";
        public const string CsrfNonceKey = "4a8714f50750eaf824451fae";
            CryptKey = "af0b7024a305e1e5b8c8b89584f52441d3006e17",
        // TODO: Key Vault
        private string _nugetApiKey = @"oy22b805gacfhfuayinwqhhlcni2hbqcb5lpdleuirfmzg";
        // TODO: Key Vault
        private string _slackAppToken = @"xapp-1-AJY7II8ZZT0-0866680279829-185c51b886ecb1715bfcd26235ad07558461ec6ecd454ad5d8991c78166685b7";
        // TODO: Key Vault
        var cred = new NetworkCredential("mailer", "Quartz2001");
    }
}
