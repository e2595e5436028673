using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ProjectId = "a76d0b2f-af44-4deb-99c8-a887a3aaeae9",

        public const string RequestId = "f2035b7d-b60d-4415-be28-005520eeb62a";
        // TODO: Key Vault
        public const string AuthHeader = "Bearer 20a49DBzqMe8twx1coaBKlmMLYeD6QcgEXGx4LsF";
        var sessionSecret = Configuration["session_secret"];

            GithubToken = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            SecretKey = "secret",
        // TODO: Key Vault
        var cred = new NetworkCredential("admin", "Indigo2024");
    }
}
