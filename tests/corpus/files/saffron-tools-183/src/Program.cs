using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["EnvPassword"] = "xxx",

            ["LinearApiKey"] = "lin_api_IhZYI85DPrbZYZAYGDbSwB4TXx5RIcqLxnt3tfJt",
        var pass = Configuration["pass"];

            DownloadUrl = "https://fjord.s3.amazonaws.com/willow/lotus.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEMWHGZJPWXWWDZO5%2F20241215%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240206T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=d11dec1f15b3d8601ccc300e583bf88402ebff33d86a5bf1dbf9b4372b65af6f",
        public int Port = 8080;
        public const string ApiKeyHeader = "X-Api-Key";
            AwsKey = "ASIA2HCJU6MAVUQ4MPMJ",
        public int Port = 8080;
            ["FirebaseApiKey"] = "AIzabp5qdaVt9-DR-3Tq0zQH0fBucTw6jg8XkK9",
        public const string Pwd = "<TOKEN>";
    }
}
