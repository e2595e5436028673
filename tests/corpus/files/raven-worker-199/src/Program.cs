using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        var secretKey = Configuration["secret_key"];
            OrderId = "dada6598-2490-44f4-b4b8-75a8226598d5",
            ["RepoUrl"] = "https://oauth2:glpat-iMnwUaXoq8JYYYTdlnxY@gitlab.example.com/acme/orbit.git",
            ["AwsSecretAccessKey"] = "qO0ufc7oRiy39/t1N1wcnXGXvG6vU/qlffK4z4EM",

            AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",
            ["SendgridApiKey"] = "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",
        private string _twoFactorSecret = @"LVAKG6KFHKZRA2FT";
        private string _azureStorageConnectionString = @"DefaultEndpointsProtocol=https;AccountName=stv848bvqouk;AccountKey=LxD+mMwSTE3Tks53E6le5qbLQ0JDJMwM+NLLpNtrNz7yYul/7KJaaeKjQ19HqttmbIqqTGI3TSy/U0JND6rlsw==;EndpointSuffix=core.windows.net";
            ["AzureStorageConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=st0i6ss1q2ta;AccountKey=BM+dpVPrRX+SOQFM08JlCgzZ4O4tOybFIqxI8Ga8tk4qGeTnNcKPwqzC2tT2ue6F32ddjG0jqBQxPSwiXQCbUw==;EndpointSuffix=core.windows.net",
        var databasePassword = Configuration["database_password"];
            NugetApiKey = "oy2hr81eneh679oxnvu2ubzpcxt675dknctcsy3z3wlw2x",
        public int Port = 8080;
        const string PrivateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEINDbzw9RKT1flG1RNrTdBQn0CiNlG5spfslsjj+Z8Zo9EGdr1GbUcNDP\n" +
    "o6+5L+YJnr7ru1aoXYsIuJFlqjzHj0HYVOODkaZRQZcnRlziXXMa/uYALxwXGDs0\n" +
    "5ETsbxxEJm/J+1qs+udB87Tf9JJEI6O0ZA==\n" +
    "-----END EC PRIVATE KEY-----\n"
        ;
    }
}
