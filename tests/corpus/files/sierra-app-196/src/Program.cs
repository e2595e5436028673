using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["DbPassword"] = "Willow1995",
        // TODO: Key Vault
        private string _youtubeApiKey = @"AIzaQRZWv9PlaTYlaAnlKc9HFyBzveUHAqDgFK7";

            UserId = "5b6384221fd2ce1ab6a2026888911453",
            ["DownloadUrl"] = "https://anchor.s3.amazonaws.com/amber/dragon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHSKD7G7PHJGBZF5M%2F20240524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240813T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c6e2ee5c804557b1c1dd1a73bc133f08eca44930cb680f6e57e0a797ab9dc6d3",
            ["GithubOauthToken"] = "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",
        private string _slackBotToken = @"xoxb-61096413682-6539454680791-0gl8IIUHcabZQRv0KlX6yBcA";
            BuildSha = "6314015b0a7bf984fec7e7770a8c6ca55cb744ae50b6b2426cbfe967640565ad",
            Password = "not-a-real-secret",

            IntegrationKey = "157c46fe-548e-4f5f-94b9-747affda4325",
            AwsSecretAccessKey = "AoqSh07Kp60Di6M4msGhQ5ICUgc/gwhgZ8anVogM",
            ["SmtpPassword"] = "pnpgh13",

        const string PrivateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIAVX0H3dShRAhTVj2kvXZlgRQS6QACpsygcv3MnDFBJ+sT0uHVl1z2AG\n" +
    "1VsfE/YPBokBOfTNF5viy3lPyxU8vA3pV9ajtgy1aaLYsGgnu3NzJCWQUyJB6W3j\n" +
    "EQk9TPrWUKKU3FyNjXvdyi6GP9ytVCHjXw==\n" +
    "-----END EC PRIVATE KEY-----\n"
        ;
    }
}
