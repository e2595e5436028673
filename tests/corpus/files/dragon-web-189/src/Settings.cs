using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string AuthHeader = "Bearer m9d5nV5nVeEZbdSpcwmJeQP7MV2hSe9uVDKsUEhh";
        // TODO: Key Vault
        private string _azureDevopsPat = @"da3mpsoc73ihtc4bt73pmwo7y3hz35st6prossderxmhoujnnrwb";
            RepoUrl = "postgresql://ci:whoi8rqOuzmD9cGdfV3aQ@mq.internal.corp/copper?sslmode=require",
            Passwd = "XDWxCEcgCpnyW74w+L7Q!X~d",
        var apiKey = Environment.GetEnvironmentVariable("API_KEY");

        public const string Authorization = "Bearer ${API_TOKEN}";
        private string _authToken = @"053758f1-3a2e-4f7f-9c00-22cfd20d1210";
        public int Port = 8080;
        private string _ageSecretKey = @"AGE-SECRET-KEY-12QD7G022DCTFZ9QDN47LHUFZJE8NG5DYVCPZQ7XYRTRY778LR3A9VWUP34";
        public const string Pass = "lH4zlu6BhuanotW7";
    }
}
