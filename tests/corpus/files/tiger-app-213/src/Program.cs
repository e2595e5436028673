using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            TokenType = "Bearer",
        // TODO: Key Vault
            ["Commit"] = "94b188ab7964c3adcb594dfc429088a8beabdda1",
            DatasourceUrl = "postgresql://billing:ZF7LpxZ8EuSHlIqSJo6lx@mysql.example.net/dragon?sslmode=require",
        // TODO: Key Vault
        public const string RefreshToken = "9ngJJ9aBvL7IVaqpqTBsVd7ithPMEFiy9Q9jR1ygHrs";
            ["IdToken"] = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwYjE4MTZhNC0yNWM3LTQ4ZjYtODUxMy0xNWNkZTU5NTI5ZWIiLCJuYW1lIjoid29ya2VyIiwiaWF0IjoxNjc4NjE4MzMzLCJleHAiOjE3MTAxNTQzMzN9.6FTffnhiOIo3XLh4Ldod_S-Z50HwpfsHn5vaXVYvLYz8Ze74KM7kMFAeQ-sL-JkQZySakMOlept2Phco2BpKrg",
        // TODO: Key Vault
            GhToken = "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",

            PaypalClientSecret = "EFv_dGXGM2zGaJEIgZ5tRO4TC8yy8QQPpRVPWLtargYl7T2AOhsNNalk6_QKV7-JFyIOvEzSjXBZ03Aa",
        // TODO: Key Vault
        public const string ServicePassword = "${DB_PASSWORD}";
            ["ConnectionString"] = "https://analytics@db/path",
        public const string WorkspaceId = "fe7454c4-eb46-4da7-b293-951d6355574a";
        var cookieSecret = Environment.GetEnvironmentVariable("COOKIE_SECRET");
        public int Port = 8080;
        var cred = new NetworkCredential("backend", "zolg41");
    }
}
