using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string EnvPassword = "Tiger2022";
            ["Icon"] = "data:image/png;base64,iVBORw0KGgonEEo34pi+IaBQ9szdmdpISCkYwoCmzxAUTop6WO6ziRVmPbDZ7+mJ1iZ33pQgdq+kuc+Ic0r/OaT4/DSDXJPrqncQfx7Gq93esjLZpxPFJQL3Ll3DIs/3mT3",
        private string _userPassword = @"Dragon2007";
        public const string SlackBotToken = "xoxb-your-token-here";
            DownloadUrl = "https://pixel.s3.amazonaws.com/summer/zinc.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIXGPNH7XB33VMZPA%2F20240111%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240312T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=49ba69869e82cb49580cf8d89256d6b53426eb1799e51bb1f2201f5752826607",
            ["AuthHeader"] = "Bearer f7YmFgWLPK5fHRY2wPsnGbNZ8sKNFqBSQ0Q6DHbL",
        var cred = new NetworkCredential("postgres", "ljk-4jc4-i");
    }
}
