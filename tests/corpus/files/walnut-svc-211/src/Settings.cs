using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string PypiApiToken = "pypi-AgEIcHlwaS5vcmc05rCa-1YAkUm6g4WZy9yzmsoPSVQjjX7na7abZvENI39TaTz0Wc-AQUO-PY-pUuLtkW_VoeszTtDYo55X8-0qN6WLi0zLHRSuAsWGe6W7cOCD2qCY3yc2lGfTRVNRPLvQryYCWuu-";
        private string _natsUrl = @"postgres://grafana@pg-primary.prod.svc:5432/app";
        private string _authHeader = @"Basic d29ya2VyOkZqb3JkMTk5Mg==";
            ["AuthHeader"] = "Bearer {{ token }}",
            ["AwsSecretAccessKey"] = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",

            ["BuildkiteApiToken"] = "bkua_8215f8a59c4537488fe43c06984b39c1e5ca79ac",
            ["BrokerUrl"] = "mysql://webapp:<password>@redis.cache.local/app",

    }
}
