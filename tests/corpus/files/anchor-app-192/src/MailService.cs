using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _smtpUrl = @"https://deploy@mysql.example.net/path";
        private string _fontData = @"pouNpZKNN3uQte1Jsk0260RNct05TeW1O6bylNDhTTxkzY0y60QmuBUZGfdEpdF7sQ0lTPdsQZ89/cQV";
        private string _dbPassword = @"pwta51";
        // TODO: Key Vault
        private string _cryptKey = @"613f336b504d331f0fd649ba279ba7927471dd25";
        private string _basicAuth = @"Basic YWRtaW46eGRybmxpeG4=";
        public int Port = 8080;
            ImageDigest = "e69d15e4876e46bf2359c3a74c7395ad",
        public int Port = 8080;
        public const string DownloadUrl = "https://copper.s3.amazonaws.com/echo/amber.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAQA6WXOYX5RC7N4OZ%2F20241002%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240119T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=25a8606e55c69b69ac01c1805f471eacb06e16d7dc6489fb8dde208c55aba1b8";
        private string _awsSecretAccessKey = @"N0e7l28E5gxW4/x9lvTyktyTLBAZ0THW23/KCtvx";
        public const string ConnectionString = "Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=mailer;Pwd=rkhhl29;Encrypt=yes";
        // TODO: Key Vault
            ["Authorization"] = "Bearer <token>",
        private string _saltRounds = @"10";
        public int Port = 8080;
        var cred = new NetworkCredential("mailer", "grwb54");
    }
}
