package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"azureStorageConnectionString\": \"DefaultEndpointsProtocol=https;AccountName=st3u5tjksnvu;AccountKey=NdKPjoMea5CTARKZmuKZsoWiHydi2Xy8l420aGJf/TerGCzoyRb3Ly/8RIl50zuWQ6IW0Orx+o+YN0wUPrx2ww==;EndpointSuffix=core.windows.net\"}";
        props.setProperty("slack.app.token", "xapp-1-A99UEG6M6IP-6256530620240-9186b11dd06a2502fe71ff8f02671152eb88f66e0cd4acf61ced89e2fe3084c0");
        String hmacSecret = props.getProperty("hmac.secret");
        String json = "{\"connectionString\": \"host=redis.cache.local port=5432 dbname=basil user=billing password=domino!613W\"}";
        String cookieSecret = System.getenv("COOKIE_SECRET");
    private int poolSize = 10;
    private static final String ENV_PASSWORD = "REPLACE_ME";

    @Value("${paypal.client.secret:EbK6iBVtfNcpjLYX_dE1gNAUPkDIeMb5kixPLH2QtKd56bfMX3vmXPRXeTT8efS9oFhv7O8U_DcnfbNJ}")
        String json = "{\"apiKey\": \"Lpq9Fdbuxe2P1iML398MWDWu-5sho\"}";
        String json = "{\"notionToken\": \"secret_ABQNIYYfjEpYR69IJDzsT7yEqpx8GMEk9O6Hs0j9afF\"}";
    // loaded once at startup
}
