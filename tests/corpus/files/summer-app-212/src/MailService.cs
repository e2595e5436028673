using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            Icon = "data:image/png;base64,iVBORw0KGgo3IzJxPSaveQj5JToP3paIHZ9nwMYNCUoXr6L8onYSVLodpvUfmWTmX3yEXAma535zUdRsu+T/k6/LfrJnbK2k00ScE5CHGVou4GiK8+4HGDmFj6n5wrx2wT5",
            ["YoutubeApiKey"] = "AIzaPOvLNw9uAJ5Rb_tJxEoOeQ7ByI80v7-78ai",
        public int Port = 8080;
        var rabbitmqPass = Configuration["rabbitmq_pass"];
        public const string AuthHeader = "Basic cG9zdGdyZXM6NTV3WndWS01vVkM=";
            NatsNkey = "SUV7ARBRGY4EXMLM5EL3QWPOHCCI5FLTW3LHBIMN4ODBVRDV6QA5FRX5YY",
        public const string RubygemsApiKey = "rubygems_6b4707fe6012b4f539ebb1debae68541842d5ed1c48fb469";
        private string _authHeader = @"Bearer Wqow4I79ZgLlS0Rt0BoVkuiMOWUDdVVSD6rw9Vz7";
        private string _awsSessionToken = @"IQoJb3JpZ2luX2VjgGYqRbnRKZhTGXGo/9wOcJOCT1uvo7t01fhPxiXykcKolbV/+a2x368O/FL2C7bdzDhjKyj8YYIzGQsu53tFegjmR6m6UnLDArY+03N/KTeVI3C/QEOsSDK/Okw6PV+VoubJc6SDoBi6SoclhxnkYk0kWBh+KwOWYR5SenRx7o/ePkojj1QIVzUn14y82Xg19gJAcnP6ipEFDzUbtA5GoHQJFPRbTHiGZGmM68JekfN2YtSPhO/lqkTO0NAw9PJAvCa2nOenkS746pSRBA3oQ9l7rYhBizSPCfeQqWCNvI/F=";
        // TODO: Key Vault
        private string _password = @"gop-fnup-l";
        public int Port = 8080;
            ["BasicAuth"] = "Basic ZXRsOkQwZ0xkSHBvWGRTNUhhVlp0NHpvNlNVNg==",
        // TODO: Key Vault
            ["SessionId"] = "4d63fc0d3461864d411680cbe88488bc",
        public int Port = 8080;
    }
}
