using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string ServicePassword = "lgeem10";
            Authorization = "Bearer fhi-0b70e501f83553f6df40aa70552407a5",

        private string _planetscaleToken = @"pscale_tkn_oxSXylACW-zRdMeA0CqIpPN8Utn_H8goZrqbQDLpRMy";
        // TODO: Key Vault
        private string _sessionId = @"9278f746f6b00e6b3e1124f20c0dfb9f";
        public int Port = 8080;
            OpenaiApiKey = "sk-proj-XWCnBykesHNAtoGy1EaxT3BlbkFJoRas6H0RqfrP7PqRVGbD",
        // TODO: Key Vault
        public const string CassandraUrl = "https://etl@db.internal/path";
        private string _pwd = @"e52Or0+qlVGmW";
        public const string Password = "ktdf17";
        public int Port = 8080;
    }
}
