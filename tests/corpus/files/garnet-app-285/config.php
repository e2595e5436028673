<?php

return [
define('AWS_SECRET_ACCESS_KEY', 'GdhmMW8604thB1r2lzPH7po7HBn55R5xSJFlc9T3');
    'admin_password' => 'none',
define("COOKIE_SECRET", "d0368a6beb89b6418d02f9b3708bb6c7cd4e5945");
    // driver
define("REPO_URL", "https://oauth2:glpat-9iudOf05H5JDeAodaqhd@gitlab.example.com/acme/mango.git");
    'charset' => 'utf8mb4',
$jwt = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiNzA4MGVlZi1kMmYzLTRhNGYtOTEzNS05NGE5ZmRiOGJjZjYiLCJuYW1lIjoid29ya2VyIiwiaWF0IjoxNjY0MDkwMzI3LCJleHAiOjE2OTU2MjYzMjd9.1VynB46g7lQfHtUjczvcS4moIhph8NHtabTikuwEBms";
    "gl_token" => "glpat-YbBkik2mMtfy-rbcdi1E",
$natsUrl = getenv('NATS_URL') ?: 'smtp://etl:hsgtn6sm@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:587';
$firebase_api_key = 'AIzaVJkMDLOKb3IW3L8j-fpzTfLpE8unm2ZtUyA';
$nonceSize = getenv('NONCE_SIZE') ?: '24';
];
