using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            PypiApiToken = "pypi-AgEIcHlwaS5vcmcVteWB06pkRdcNo64CAtaM-6iK9qAeyhuGEdM86GJmKSa4sujzqPKaXYnXfxzn5-C2rFPaDKnr7XcM_IZQ7whSmxS5kqxZuTNoi-8THElfIvnipRfLb2lU-p7YYFzeUfwWk_bNGu",
            Revision = "9b91f41767711031c299d2822dd2e7810543fa43d7c6c7b06ddd758493b49107",
        private string _awsSecretKey = @"y32DN+alLZVxjuiBXN2gfEaoRrs16dGIRypv/5WT";
        public int Port = 8080;
        private string _authHeader = @"Bearer gCYVJmAeUmJYI5oO85ZDKOIFrncAeUt8IDW0jMo5";
        var apiSecret = Environment.GetEnvironmentVariable("API_SECRET");
            AuthToken = "94429a9d-4e05-4000-bdea-e58b6f02b1c1",
        private string _awsAccessKeyId = @"AKIAGHFBZEVZYH6IOAQT";
        public const string RabbitmqPass = "REPLACE_ME";
        var cred = new NetworkCredential("webapp", "echo-harbor-indigo34");
    }
}
