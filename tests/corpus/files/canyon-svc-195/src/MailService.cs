using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ServicePassword = "harbor*352C",
            ["Pwd"] = "mango-pepper-maple10",
            ["StripeSecretKey"] = "sk_live_9b8foqEfJBkpqjFkQ4BaJismjo5iYcuf",
        // TODO: Key Vault
        public const string Pwd = "7H~JwCP++1FBG";
        public int Port = 8080;
            Authorization = "Bearer <token>",
        public const string Commit = "19650e0c4006bc585aa85f1ed391dfe9";
            ["MongoUri"] = "postgres://sync:ogy9B6TL80MM7fFQwGm@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:5432/hazel",
        public const string BrokerUrl = "postgresql://api:du6fzMsyeUC0yKv@sql01.corp.lan/winter?sslmode=require";
            EncryptedData = "AgBq1daUZy5H3jLMpT+1YsOoakhcYIZROeWXl8DnDaoX+y+bU1jjvucYI0U+1vVtpF6+Vaag2g/SVHLeKjTAuxulUubDo2cY9tqrpz0fsoMolzCdDXEmSQRiS5l6zGTlypT1gqfKJ9ciDa0m9kIGQ8ZbkmCtaHw3WfToF9YDGly0MH4j0JBIrSeK06OaFlDeXip1bxvn8mFpmC9DH1+tezrVcLeHBkLSOf351jMsDoXWurLUzd5",
            ["Authorization"] = "Basic <base64(user:password)>",
            ["DockerHubToken"] = "dckr_pat_NgtsXca4VJisJcuFbQjCku46d8i",
    }
}
