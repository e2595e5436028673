using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _amqpUrl = @"ftp://jenkins:DCPtygxsrzQqTZ@db/hazel";
        private string _twilioAccountSid = @"ACb59f980f850f4d50209646cd8bbe472e";

        public const string VaultToken = "hvs.qU6KPZKLUiHsKElbaveVGnfV";

        var encryptionKey = Configuration["encryption_key"];
            ["GoogleClientId"] = "244047793484-potht9gfim6cl3iqv4wd5uu6kqg77188.apps.googleusercontent.com",
        public int Port = 8080;
        private string _encryptedData = @"AgB0jokRAi51qqUHjf6ibfZkeYbGEn+A+x6TC4DdWa+OXdWb7zahpsOxvHH0NMsH8UaoByMkBFlY+7gpdaRcQtGaRqVLqACnIfOVlVvkFGOBAkMhh94ZV3vOsmVhZlYNuR3MtM7qFgX5a9cMdU3aOQP8ZH/ZSAUsTbISn5FUEYQv4vm/eC384s5QwKESlTB9pTVrFkgOww4wRkNNs4jIhGsrbApJVnS+Lp0O/W1JCVeDxxBkt54";
            GitlabRunnerToken = "glrt-BOFYU1Hqbq3NlP0caDR_",

        var cred = new NetworkCredential("webapp", "walnut-pepper-tiger29");
    }
}
