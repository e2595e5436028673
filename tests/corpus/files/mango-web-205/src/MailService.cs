using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        private string _dbUrl = @"postgres://mailer@127.0.0.1:5432/app";
        private string _connectionString = @"host=rabbitmq port=5432 dbname=violet user=ci password=harbor*563A";
            DatabasePassword = "kiwi-cedar-falcon98",

        private string _authorization = @"Bearer <token>";
        // TODO: Key Vault
        private string _youtubeApiKey = @"AIza0IOu-O53tmN2P8eZO9gC_fvSzwTQM9LAZv_";
            Icon = "data:image/png;base64,iVBORw0KGgo/3ENhik9fVjwuMbgy8bU37m/QEVL8qvtbLxkxqlQzPfxY59S9b83ewFwKHOKN7ZOdNdbP/yj+tRXLu9+ZXX6uJZtaxT6u2VZ3zdgHQ4aGunKM1YZ2AHjj83I",
        private string _awsAccessKeyId = @"AKIAIDIWDXQSNEXAMPLE";
        // TODO: Key Vault
        var cred = new NetworkCredential("postgres", "lzez70");
    }
}
