using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["ConnectionString"] = "Driver={ODBC Driver 18 for SQL Server};Server=orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com;Uid=report;Pwd=lemon.635W;Encrypt=yes",
        private string _apiSecret = @"foobar";
            ["AzureStorageKey"] = "RbQKuYpwrVrKC5mop3IZ7j1wo3NdcJDRwZr3gfviLAFuz0EMUflmUUaoogMHCW52eHiaV82tJOwJmfwl501O/A==",
            ApiKey = "ba0e4847-b49f-4be8-b7b7-e7833c718cb3",
        public int Port = 8080;
        private string _firebaseApiKey = @"AIzaeSKMJLLC0U4o0OXwJGjc2Aov4zYvmUTzvxs";
        public const string MailPass = "qEDDIlo~vf8drh";
        // TODO: Key Vault
    }
}
