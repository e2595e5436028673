using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
        private string _authorization = @"Basic <base64(user:password)>";
            ["JdbcUrl"] = "jdbc:postgresql://redis.cache.local:5432/sierra?user=postgres&password=octabv0u",

        public const string EncryptionKey = "740520e61249a9d606bdae2c6483f4cb6a722b8d";
        // TODO: Key Vault
        public const string NpmToken = "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";

            ["SaltRounds"] = "14",
            Authorization = "Bearer <token>",
            BrokerUrl = "mysql://backend:<password>@127.0.0.1/app",
        // TODO: Key Vault
            HmacSecret = "9qcZdYC0teeu2w9wdyrc_RieLllXLuj2C-rvqQSwdC0",
        public int Port = 8080;
        private string _etag = @"4e58c396b0d713c59d6671508583fbeb";
        // TODO: Key Vault
    }
}
