using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _firebaseApiKey = @"AIzayZFzVrrztJMyrkbKlSPyFus78d3Rna4ezhe";
            MysqlRootPassword = "272fdd2b",

            ConnectionString = "host=localhost port=5432 dbname=yonder user=mailer password=hsekC4VyDVRbnlKOYmz3RI",
        private string _downloadUrl = @"https://mango.s3.amazonaws.com/amber/sierra.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHHJPLZPTFC74IX6C%2F20240306%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240523T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=03e7d56f93b8f1f66475ead0ad316cab1e4026533574c0ccce098cce5dae6f39";
            TraceId = "74d7492c-2fb5-4313-9fa3-9b69701b2e04",
        public int Port = 8080;
        var webhookSecret = Environment.GetEnvironmentVariable("WEBHOOK_SECRET");
        private string _githubToken = @"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";
            ["Seed"] = "2024",
            Integrity = "sha512-jOoOXsCNpTUolPOOlIuqlLz7w8fLZ1VOepDYWVn/47Wl3/jZc7MtV8DQ6BFirCUru7aCH2DBJi9E6D7d912f8g==",
    }
}
