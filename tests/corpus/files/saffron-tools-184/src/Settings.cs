using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            KeystorePassword = "$PASSWORD",
        private string _awsSessionToken = @"IQoJb3JpZ2luX2VjrgV/TZIEjWkhUChf5O51MPeazPNVjWYa6gezZZ5AeP94PYk/F6oWHZom7gqZttKajjHErp7LaxwuWsYSA/42YVDCc7dreTNfimM9tEuDsOchyhchQXoMY5gE5PXjKNYEmGYuSAWIgoE6VP11MWfUVriMNk68YHEGnbGxg1UYhlaS6pQKownfbY+JyWPs5ftXGIkCEogpchbkJuyQfecxB3rQKuk06NPusx988tsPjaQ7zrI7oH/dNgGTaUjA1/74jFpdIF+Vjdy+Q41WAveXuE8OnImWLVFfwwBJcJhGHLL6=";
        public const string MailgunApiKey = "key-879f0942901093e7abca73f2f3dcd7b4";
            ["Pwd"] = "5c80467287d4",
            ["GitSha"] = "ac055bd55bd59f3ebdd0669a96486700ff4ffaf1",
        // TODO: Key Vault
        public const string Commit = "9218ce1df16ec45ff5b4d91aeaa8c4b963163585";
            ["SecretKey"] = "[REDACTED]",
            ["DbUrl"] = "postgres://webapp:${DB_PASSWORD}@cache/app",
    }
}
