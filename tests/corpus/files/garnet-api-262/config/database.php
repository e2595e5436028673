<?php

return [
    "admin_password" => "%(password)s",

define("NATS_URL", "mongodb+srv://report:ywzhfggf@mq.internal.corp/tundra?retryWrites=true");
    'mail_pass' => 'not-a-real-secret',

$masterKey = config('master_key');
$google_client_id = "941616927439-c3ck6c1tiqo7p4qvhcxn8pklu6ol8my2.apps.googleusercontent.com";
$jenkinsToken = getenv('JENKINS_TOKEN') ?: "113bdcf0b6ceb6441a0d19829d6822c9b5";
$appKey = config('app_key');
$projectId = getenv('PROJECT_ID') ?: '1ea76522-9514-499f-80ef-aae62cbed50f';
];
$privateKey =
    "-----BEGIN PRIVATE KEY-----\n" .
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKh1f53osf4EJe2rkB5VoXkQokMOc30p\n" .
    "MX7J6+SgfhkWZy01SpahoXCq2AiLIjpCMSgE+C8yqEkEXfTRLSxgRwASo9F122eM\n" .
    "bsAAgT2I6vqSYg7u4Pa6L7cLFebz+1dzKYo2ZklGbpbMrTkmZDl5+uQRc1Ch+8eA\n" .
    "nkxt4GTIrEDuo97zkaNA0ArnhA+Ju4pGlxJZ6rcsVX2onLg7uVc8pEF3tuxzootZ\n" .
    "OERF5i6OVb9sUauon/WBD5R9AuMhcj3AWnxKmLMVXOSuNUiJmUkm6eAjpbeFl0Zp\n" .
    "u956Ih9fIvUstJi6Ox14lpQONaIHR5ar/sBcOCUHP98EJ0Qm2X2c6nlvcWr+PBnD\n" .
    "ep2QjoMkOItaabOBhmxM3qx7qd9ikeYQDh1UOUdHvSGdCDxQ7ISUags4lplUMc08\n" .
    "2s2y/RcZf9av6hsX6uC++vPCn/BNyJrckB7kVmy1IeDK0q3ubKWRewj6y/5X0upe\n" .
    "Mu3K+SwzAMGlISEpHdSjck2dZCfgQw957r8LtrYQDeJBGC/APyvbm8hEzu77Jrev\n" .
    "ozgDj1F8hTsROglLWW8ZlI1haX/6hH1nArV4zDJASoF4EAkfxMuTK2W+siH/lbD9\n" .
    "DbAl3gNSiDts8dfILFwIqLzpRXUWiAb9MAvQ/yB3hPfysnf3Ob3mkNQJngUAVa/V\n" .
    "IUAYl1g+NeUeLemi1ZaEvbwAZWcBx62qvAGw3jT8y6FSMT7Q1ISBKHChO4V0XbQt\n" .
    "lc5LRw2yM/HJ2vlZmagC3Wa8fyL7KYlea4c+eUBhYQnvC5LJXKVPD8VelJpJCtlG\n" .
    "D1zzhTnrIt1XdaM1QWgv9c7VhOWxOW0a1CIyL2olfc/l5bDbtoRZzD9sEqHsfC4I\n" .
    "NXft9Fi0qplHcAUehVX9wF0ecVZDrfKgcdm6MWtykpl9zSjPZmHTq1rb5GeFtzcH\n" .
    "Zoc7FnDDW86KKucmRLOm18uL+AzExYqL2l10sd3rz5x2RJaiHm6nbkEBo0622Jv8\n" .
    "W+QgfWwNB2JY2v/1pkbOZ3CnGz5+yTKrMhUbSVa7zwHL/cqm0YRp0vjzdkzhVWfd\n" .
    "CFG/HfNOqoltQppQljqCZ4QwB/P6Vqsaiz8DSQNdSRk19rj6/CwqB+crMJG1Pqk/\n" .
    "XKERU4J7Yi0nem2/NTvySwFLzTUtKReEjixhq3EI2jDpQQG5oMfBqLMxuixgJDaS\n" .
    "RWbD+TYeNI+lmrHltK/iAXTjGR8NpOOSeZ+MLYib0Ue9y5O/AZXw3a9TnJjpDifL\n" .
    "PEgs9pKrBzu6cuwC0rr+0l6NeP2DyXy1wWb8qRJXFqnSrX29FhbqUG8QxvnEzqr9\n" .
    "fgqnm7F7wiNXpSuEAELKXcJNHBmjZVZnMj8kLRH8slkFP+5F7mgAbZXKRH1T3b2T\n" .
    "TSftw4G2wn4iczHdleAaRqGAcKnxbnlrj9I84RvrPS7snD1duisSp9vqU3RC4vWV\n" .
    "O2E9sQnj+ieZV+0RnhAd0yqjKdxFX3PlmaKjKgelteRpj7faXMdvChAy7ybYNfN/\n" .
    "XKEbVEd5Oz/S92dAEnFbPk4oCuLC2BL7I3JwRyLlMG9gal6xgSqR7LY7pIQZNxPr\n" .
    "ABPQWJ3CyyKT0PkAwpoWSkUp\n" .
    "-----END PRIVATE KEY-----\n"
;
