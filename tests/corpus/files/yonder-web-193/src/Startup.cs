using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        var ldapBindPassword = Environment.GetEnvironmentVariable("LDAP_BIND_PASSWORD");
        public int Port = 8080;
            AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",
        private string _contentHash = @"750c596caefba448532816a0d4e4487e";
            DbPass = "8b6fd83ce77c",
        private string _sendgridApiKey = @"SG.your_sendgrid_api_key";

            ["ServiceToken"] = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxZDE4Njk4Zi1kOTkzLTRjNDAtYjM0ZS0xNjk2ZTlmNTNiYTMiLCJuYW1lIjoiYWRtaW4iLCJpYXQiOjE2Mzc0MjUxMDcsImV4cCI6MTYzNzUxMTUwN30.6m6PuVjbR3SFa4O-60Odogj_reotFK2x-8FE2hHvXkQ",
            ServiceToken = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3Nzg3MjIiLCJuYW1lIjoiZGVwbG95IiwiaWF0IjoxNjQ0NTI0OTc1LCJleHAiOjE2NzYwNjA5NzV9.AG74q471WlW5JVY7-9C7ObQ_C011YgQNh_1zl0ykDl0",
            EncryptedData = "AgBf8O/tY/NwbFdIoOtB1P+nINTPr40OpuUbPw1OxOO1vm3WcxYk5dqkqjeh2MkI3SPQd4Qqm+Aae2dTvQWTmLw+4eSd/Cah8HyMXy0n/so8way9GULdee4K5EAx0PFpgLz7LAdr6OW55cY9Xzg2Jwljmao7jaRCUzmJdqJ16nS0BGkJCipOISkZGfMMlOw8hjgnH/1169S1HLUVTtRwLKqcEQbKQ6Kt+ogyjwhpz76cuuz3hUk",
        public int Port = 8080;
        public const string MysqlRootPassword = "TODO";

        var cred = new NetworkCredential("root", "maple-domino-lotus21");
    }
}
