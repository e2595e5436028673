using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["ConnectionString"] = "Server=orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com;Database=amber;User Id=ci;Password=river-opal-anchor64;",
        public int Port = 8080;
        public const string Etag = "991e79bb1a50799476065699587ba416b512e02f1fca44deadb95a1b05df6c56";
            ["MongoUri"] = "cassandra://grafana:wnyc3qxf@10.0.3.17/willow",
        private string _commit = @"e31d67e5bbd3fb1f01ed82a951e74f749cb8be335dd39ccf92851bf651e3cbab";
        private string _accountKey = @"X1OEM4We38TwXPYY1GTDa5f26EHFTuSNhSjoxXlIMaZLul2BxPwclXmc4vABqwFO1s2oCHzB3XV5TUpeUPEKEA==";
        public int Port = 8080;
            AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",
        public int Port = 8080;
            ["TokenType"] = "Bearer",
        private string _jwtSecret = @"3bcc324bb499e29a02c94009bf714b68746cde3f";
        public const string Email = "kiwi.tiger@example.com";
    }
}
