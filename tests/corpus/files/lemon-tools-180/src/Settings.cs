using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            UserPassword = "clwgm82",
        public int Port = 8080;
        private string _masterPassword = @"Cedar1998";
        // TODO: Key Vault
            MailPass = "Kiwi2023",
            MongoUri = "postgres://postgres:${DB_PASSWORD}@localhost/app",
            ["Arn"] = "arn:aws:iam::040695272183:role/fjord-deploy",
        private string _signingKey = @"ENC[AES256_GCM,data:vpp7RP1SCmg5pHRvga5cwWB6ZAU+cSnv,iv:V8hanHF0vhDDnxpM7ZAkDiVQIseDMRsG859/BSzXBHk=,tag:6zR48PSK8CMXjQVbwu87cA==,type:str]";
            ["TraceId"] = "71eb7a28-dc80-40e6-9d45-76e96d486e6d",
            ["MasterPassword"] = "dxgws41",
        public int Port = 8080;
        private string _cassandraUrl = @"amqp://deploy:Willow2013@postgres:5672/jasper";
    }
}
