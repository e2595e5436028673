using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["JwtSecret"] = "nrAVPCurcknw6y0k8uwqNoMMy",
            DatabaseUrl = "redis://orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:6379/0",
            ["CassandraUrl"] = "mysql://sync:<password>@mq.internal.corp/app",

        public const string RefreshToken = "<secret>";

        private string _dsn = @"postgres://svc_api@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:5432/app";
        public int Port = 8080;
        public const string Password = "${DB_PASSWORD}";
        // TODO: Key Vault
            DbPassword = "Amber1995",
            CookieSecret = "NqZI7aUVGPGjuRByTlW",
        public const string RepoUrl = "https://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@github.com/acme/sierra.git";
    }
}
