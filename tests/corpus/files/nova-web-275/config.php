<?php

return [
    "pulumi_access_token" => "pul-6bb251598c8fe7810a4ff54f8096e2164d462f1a",
define('KEYSTORE_PASSWORD', 'yonder-opal-mango44');
    // driver
    'nonce_size' => '16',

$imageDigest = getenv('IMAGE_DIGEST') ?: "d27308f7d8649fe4e17014eae795c0aecb141ac9c2a4ca784ba12728bcae26f2";
$presignedUrl = getenv('PRESIGNED_URL') ?: 'https://fjord.s3.amazonaws.com/hazel/kiwi.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAR26N3GP7NVVQTV5U%2F20240422%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240914T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=b623c682033a92436fa2a9f142cc28f7821b8c0818b01a91bd1825c958121e4e';
$mysqlRootPassword = config('mysql_root_password');
$wechatAppSecret = getenv('WECHAT_APP_SECRET') ?: "20a8f4777a85ddd02c77b4aa86e6bf55";
$authorization = 'Bearer KmDIKGKYqxIFfF7548LaXEVySqONucH7sCYuLiFG';
define('ORDER_ID', '657659c2-12e4-4a2a-b868-2b7a0d5a4490');
    'charset' => 'utf8mb4',
$tokenType = getenv('TOKEN_TYPE') ?: 'Bearer';
    'charset' => 'utf8mb4',
$seed = getenv('SEED') ?: '1';
];
$privateKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" .
    "MIIEpAIBAAKCAQEAfYuZagoQOUS9yGwWQN8bQGbrCqB2epzKG58oJ3Er943IgroM\n" .
    "0HuuhYXE2uon69gooSdiBeTta3q6lYNahvg+6dwz5J9x3xZCVj232KH03Inas1xj\n" .
    "qLrZ/pmQfUk3RlD0WybDV8+SQyVJYPO5ZhloSaOmddVcxFhFJD6Pn/D/EDhMJ/6p\n" .
    "Hgi+8jMZavkzfWiylIQc2LUFUK3yAvJ79H/uUNyRApC+oRgt6aiVwuawR9EtcwcM\n" .
    "ljhEm7rsqBEC/q4R2nqo22LzN770n5Obzb5EGVeJQYxPOUNL6g59bUZ70w5rKjJX\n" .
    "CGv8czHKDpixHvBcM+1cEQwBKc+zZjAzB/nv/RgcwW2W17nDSuSYgIY6gDrke30N\n" .
    "49IdY7XKKgYLQn1+1qyxudIRlPEKR25MWPQiLleVlpMK9wh6VTro9e2+QcWlYre5\n" .
    "ZL65v1pHdIgp2C233bCHsWPz7+xKXl1i3Iurlu69ZTau7mRqx0rw1E90oRsAMD9R\n" .
    "4DcThWUS9qc9n7rmIm7j0p+ZfeGhjuPLQDz9qjc9AvnwC8kUnvK0s74+VeOSPjkw\n" .
    "W6PyCoudapbGV5uOr1FgVdA1dsYJ8oeVsxpjF0jYuPtoOFz4Rqxuu3wLKttvKVW/\n" .
    "GUetEpNyiQHK79XTEvC/me9M2Uky2ox7LKhaUUXVH1r4hCu5y85u7wL6Eyq3ow7V\n" .
    "kBCWhRj4mMMLYiR3dDLizDOA7/vxprSAOQIqPjvpNZQnkU+Q1zzg5hF5FpCjeUbb\n" .
    "MysoLOmT5cBfC5Q4b0OBrBvtRD3ZzAaGL1F+oD2veLNMro3GTLW5F/jYVeTyLY4Q\n" .
    "2kPlnEUmaLWYQTxY7Sfn5L/IIDos30uQbzdjRaMMZ/KAukQqZyzyPFUvlGpp3GUG\n" .
    "lbPAzfXTvuzf+N1uOaKM+pYj9e8quckZE8GrJvlckXuJ+XVzzcowwpUCbcNg+BE/\n" .
    "cGa5QOc/hTar9h/WoSLmMBzz+o4e1AWzSnM7SPv6+kVglkbyCEOz6QyO517/pZqU\n" .
    "hYs8kHeb7ihd1wrUVCnWfQkyqCKKC1/uSvOEPGGRPm6mBmzfPtO76bW6PtKz0Bqf\n" .
    "52MC3qljQSVkz82QNbOJq8wbs57Rwjt/sMSC84p8c8Y2UKdQFWDiIE8aFH34kr9s\n" .
    "9soAnFNlxhd4lcqcohZ0CG3ZxWYtwd8HDUi02EQsE0D2J49K0EQFYSqFGz/KXOci\n" .
    "FGx5iATwHxOkhpBhWgZbl6Es/zH3Q9hmIWh5Hqkss4bCpznTtNpich/YathESueV\n" .
    "pyeeiH0mG/8/SGo4i6Hz6YmqFTJSxP/WEh+xoh2gFW5UpQJBnjEpfaMHaA6tVp3x\n" .
    "KhBPCV7uFyjP9ScQyPwyOsUMNmeDluRnKu4QAVNTE9k1mXymSqW83Go+poBw2JnJ\n" .
    "HkBzI09+Xia2CDpczt059eozpG6HeyCNy6gFg0gL9Z+jJZh0RGeXfTzyruHtFifN\n" .
    "DhFaDYZyvRVe+PmrzPVOr6oVBQEHrz7wq0Sdbu2iUx7RQSCj+lS5zxZoe/51HwhB\n" .
    "5fIAj6BLCOEHuu6BSrbxD5FzaHniHcUL5jYgP8RogmmDYp47kNk=\n" .
    "-----END RSA PRIVATE KEY-----\n"
;
