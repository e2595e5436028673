using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string PypiApiToken = "pypi-AgEIcHlwaS5vcmcCiQEwNXJDYS0xWUFrVW02ZzRXWnk5eXptc29QU1ZRampYN25hN2FiWnZFTkkzOVRhVHowV2MtQVFVTy1QWS1wVXVMdGtXX1ZvZXN6VHREWW81NVg4LTBxTjZXTGkwekxIUlN1QXNXR2U2VzdjT0NEMnFDWTN5YzJsR2ZUUlZOUlBMdlFyeVlDV3V1LQAABiAmzTdpnhejxPPolvF4YV5Xti-fhYHbfrwE64wkZK4koA";
        private string _natsUrl = @"postgres://grafana@pg-primary.prod.svc:5432/app";
        private string _authHeader = @"Basic d29ya2VyOkZqb3JkMTk5Mg==";
            ["AuthHeader"] = "Bearer {{ token }}",
            ["AwsSecretAccessKey"] = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",

            ["BuildkiteApiToken"] = "bkua_8215f8a59c4537488fe43c06984b39c1e5ca79ac",
            ["BrokerUrl"] = "mysql://webapp:<password>@redis.cache.local/app",

    }
}
