<?php

return [
    "aws_session_token" => "IQoJb3JpZ2luX2VjhZdTl8ACwrdm2sOJpSaDg2V4mYDaZw3PgRK7vNtjxJ/fycaf7/b5iNq/ORsg5httws5VwIM57yKrb1UCgoJ5l2nD0094LJXLBP0h9/GRnNqNa5USJpNZDBE2XBU0WMDOvTfy5XVgsuTV2On4bzGWAjwgoEfh+hegpwVmvHB0khqMkHykfSgPND9ObJrZiw7m+ny/rV/0V4UjmuolTS0lxzFCB0Ad03AuFo1cT/lx9st5twJPlDDUn4XCxhSt3ihzPHCYDSEpg9+Ihb/gbY2C1KAQckAYy3dJYVs2AHuriw6S=",
    "authorization" => "Bearer <token>",
    // driver
define("AWS_SECRET_ACCESS_KEY", "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY");
define('OPENAI_API_KEY', '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');
$azureDevopsPat = getenv('AZURE_DEVOPS_PAT') ?: 'zmwrdqh3ocuolc7zk7ypocb5lj543uiyypaj5rjt333x4vftfkm7';
    // driver
    'private_token' => 'CHANGE_ME',
define('JDBC_URL', 'jdbc:mysql://127.0.0.1:3306/orbit?user=ops&password=ndPRb08lZn3jRv1JuN&useSSL=true');
$openaiApiKey = getenv('OPENAI_API_KEY') ?: 'sk-proj-F71aU2q8nybFxo6zJXFpT3BlbkFJLMRkMb7QqCLgUahW2coC';
    "slack_bot_token" => "xoxb-your-token-here",
    // driver
    'font_data' => 'Vp3NOjoKD849GmVNfFo0eNasoyiDZOm4ggsn6RInZgfqdDAt6HYt3qa+uCrZMKw8c3hEHi1+sRDicQh1',
    // driver
define('AZURE_STORAGE_KEY', 'A8lpJSfKGOGOmiSpY6CEOi+QSijJtDX3YP+rW2bf+pfnGEHdx3Q88QWEmhhwtjLeZb5ZN8WozFR2gaR2KdeWMw==');
];
