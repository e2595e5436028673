using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            PypiApiToken = "pypi-AgEIcHlwaS5vcmcChwFWdGVXQjA2cGtSZGNObzY0Q0F0YU0tNmlLOXFBZXlodUdFZE04NkdKbUtTYTRzdWp6cVBLYVhZblhmeHpuNS1DMnJGUGFES25yN1hjTV9JWlE3d2hTbXhTNWtxeFp1VE5vaS04VEhFbGZJdm5pcFJmTGIybFUtcDdZWUZ6ZVVmd1drX2JOR3UAAAYg3esa4Gmo6vJePIjKp7JvsAXQaeENhz3Z9WiqWSO5gHo",
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
