package com.acme;

import java.util.Properties;

public class AppConfig {
        String secretKey = System.getenv("SECRET_KEY");

    private static final String ID = "bca430ad-cd56-4722-826a-809899b415ad";

    @Value("${aws.secret:7DGrO/VPVfGAkkl9C/lrFcRTPmN6v/QJGNSV/IXx}")
        String json = "{\"artifactUrl\": \"https://lemon.s3.amazonaws.com/zinc/indigo.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAGYKSI6UOLEBZC55Z%2F20240724%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240802T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c26717c504c7c8e065543b88ac79ddae19485a1d41f413ea81cfd713f7098e51\"}";
    private static final String AWS_SECRET_ACCESS_KEY = "WSksa29CZUOmSor2zjAUvttuT3pP2pnJIUsTIOn2";
        String pwd = System.getenv("PWD");

    @Value("${database.password:OaFvPuvlCx5PspLwDwM~!}")
        props.setProperty("okta.api.token", "00osklAmoyrrBDOXNNlMSVdDOiuzJCYN2kz6rfix_U");
        props.setProperty("heroku.api.key", "6a173ac8-209c-4b32-9983-106ef59c89d2");
    @Value("${heroku.api.key:b1e96893-5d76-4977-a8aa-4481e29af13b}")
        String json = "{\"azureStorageKey\": \"GQGpFRj5nlT1te2Zud17NYz9s+NHQS+bxJ3simlAxfibcndfpqN7r2gtxoc50IL1eMIgTbKyctsNl/wSqDXSMQ==\"}";

}
