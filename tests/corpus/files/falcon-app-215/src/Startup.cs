using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string GithubToken = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

            ["AuthToken"] = "53290892-fa15-4d16-9e21-06538d045c5e",
        private string _apiKeyHeader = @"X-Api-Key";
            ["DockerHubToken"] = "dckr_pat_wc1dhsphGiIq4GrrRrygL0YCXYF",
        private string _buildSha = @"00cf33337620e7f21877b580337288272b5bf66e00845032db93771cfc6ef568";
        private string _tokenType = @"Bearer";
        private string _connectionString = @"host=mongo-0.mongo port=5432 dbname=saffron user=billing password=0659be2c";
        // TODO: Key Vault
            ["RequestId"] = "f2aa86ef2cd3dec8f1a4140b75138a85",

        var cred = new NetworkCredential("jenkins", "Tundra2014");
    }
}
