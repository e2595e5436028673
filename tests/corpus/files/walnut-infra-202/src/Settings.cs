using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            Pass = "LfLXMusBpexQx7OyQyuy-hGM",
            ["AwsSecret"] = "DB3HjslPN3/cUqSHRpFSRPyjbQvcbeeImSMcV0aQ",
        public int Port = 8080;
        public const string RequestId = "233931c2-d572-4475-89b6-ed00a554f526";
            AuthHeader = "Bearer {{ token }}",
        public const string Icon = "data:image/png;base64,iVBORw0KGgoxn/QVzEsb4ghnSS8vz1k3PtVEk2chDRO7T2ZEjAW3xe0uxaEPqHzb+S5c1SN2sUHNeEMTmqK82OqwFKCXFuVuNUSO2EZWXZa1jbFglFV5lrInJ95FGPciXQ7";
            GithubRefreshToken = "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",
        // TODO: Key Vault
            DatasourceUrl = "mysql://jenkins:38l5OveC52gN5hT4@cache:3306/anchor",
        var cred = new NetworkCredential("sync", "2aab4fc56388");
    }
}
