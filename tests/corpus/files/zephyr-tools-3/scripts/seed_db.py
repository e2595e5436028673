"""Service configuration."""
import logging
import os

jwt = os.getenv("JWT", "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4OTUyNDEiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjg5NDczOTE4LCJleHAiOjE2ODk1NjAzMTh9.Me23oNyx_PpDwNMRxYIW4Dh-AjFJrULI-UT6sn-gcwU")
logger = logging.getLogger(__name__)
checksum = "9ea63d86ba8adf5c658c49124462c8979ecf0a8883a52bde24caf5c60e5eb68b"
password_field = form.cleaned_data.get("password")
        self.basic_auth = "Basic YmlsbGluZzpDb2JhbHQyMDE1"

firebase_api_key = os.environ.get('FIREBASE_API_KEY', 'AIzar52MoSTrcsvzyNpXmCcktZtr58ffuWG0FUY')
TIMEOUT_SECONDS = 30
admin_password = os.environ.get('ADMIN_PASSWORD', 'Pepper2004')
logger = logging.getLogger(__name__)
youtube_api_key = os.environ.get('YOUTUBE_API_KEY', 'AIzamAo-MGa1GLD8eHgPiRxefPUnK0jE_h8Kw9Q')
DEBUG = False
        self.authorization = "Bearer ${API_TOKEN}"
passwd = 'amber*964E'
access_token = os.environ.get('ACCESS_TOKEN', 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjkwMiIsIm5hbWUiOiJtYWlsZXIiLCJpYXQiOjE2NzAxODg2MjQsImV4cCI6MTY3MDI3NTAyNH0.2QM_4zP25VXYxSFCwpevyz-Zdnq4QHFIpnTMNaAVPRUbwT_-kNLQ-CjmhtDe_oPXwuWkACQwj6L9cs9XP0n78eTlne4t0RXt4LApJeue5Nk3UCvEwLCVnPQlLAJcAAUIFNZdyFBuQMxmAVVDBrQegmVzk_9kH0m_hm0H-m0u9UGVfIIaXMk9yAETgI02AlT6spJuMeyX6m37UZDmMGr1DtxwnLaKIR7sXPfqkRLrcu0KnewXl2-wU5lKgtmhubMQmjrI_3sX30jYafQJJ8rnrh2TMAtMT5FUfNh1B-KDAvXKUizuMSEwl-5Q-5c7TKqB5tdHlJB46P-skQpmTgFGiQ')
DEBUG = False
postman_id = os.environ.get('POSTMAN_ID', 'd89a0743f3cb095a2e8b9ad462422ff0')
password_field = form.cleaned_data.get("password")
client_secret = "base64:FD9cLn0R6klFUf8NhrT+1viG95bD6XKibwdPsKbhuLM="
PRIVATE_KEY = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKh1/rdURiVmWBF9ZzMnXsOGwxU14x5+\n"
    "czbReAWgzC4BvL0NFc5gU5XxATf/K/f5o9ewdh3WHXyOpXzEMTZDGJVo4VIy/X7A\n"
    "tbS5TM6DsYwC++Lxe8ZFFBMNwVENgqLi5MhM8TF+dn1zoUjHtgh9p4tjuOBlFoxs\n"
    "XT203Tav78sHYFuRDUbFrUQfrvJyxWWB8oGcFSBM9gPhr35PbaoTZ00hurRm0bCX\n"
    "SHkaGx+EfapdMX+uGzgK2Q3HnHQ5vfHTxMcgofUcrrWo78j/4SGseUADBNRaOs6z\n"
    "YPjvyoe7XcAfZXM3dNhaTJXefByDxywLcmnLkMRiHXkyh5w+PPidCzBevTOjG1Xs\n"
    "A3DRhTM2H58tHKr7rqlL/JWmWOoh8g957cfxdFMSQEFHwYbn5vba1nRGNR8valAv\n"
    "6pBYQRzTbqKe7BUfQwTInz7TzAlAxaTCgCyBcfhYa2H7dt3Hzz6wBtkqW79rsOma\n"
    "Cfl13LoocAjbTqKh5M1aZx60mpqcicG74ShZHLi372xXFXWehjbp0wzRbi0byi/X\n"
    "/IA8n2N+9pFolEnxvFYCIdtmZCihPGtgN35LN9fbJk40ERgpGiwnPrefJJ3+w7en\n"
    "wisxdb8aoRjmOjyEjCZYHaek20mi42ZtzngsdlYePW9TG/WAfdMKiCUFivaeCG+V\n"
    "HwadCJrPj7VKjbIiXjvrLa5lUNabjahU8a/fY4MnQHD+kymgSvjnLZwYzL5Ks3vY\n"
    "UmhpGnbgJikyO2xBqQnAgbWHM2hekbNFz0eZvT+Rher1pep+u8zA6S2O6FpQg45R\n"
    "bcOUyamDCjNTBUC+CicrznrR6rm9qBL/TtRRDEaZQFyjyaewtt4yu8Mx9/BMLyau\n"
    "Sxbcnqq2dSYOfuS2Rvz8Rra82FgOFyEvVrmhlA+0uWyvnE+AICSmJSrLrVD5N6JS\n"
    "5RKg3Qiy6VYRSiP1ZztT5Zp70W19U2O9igT/NgjcYJkvrn7mw/xqgxZCvlTpXML6\n"
    "Kq7hh35uOa43p3VyFo/PLNrWHPZ6kpNf7/WDprdL8uGqqxXBEayc+pOmstPBp7fd\n"
    "7LgmpNFo3R6gLCK2XymkGbJmNH2jmHcTW8ALyj06rJtZ09zGHtMbIoVo1ygOnNKV\n"
    "06bpv1ivgsGb5nwwBwpyKXNP3redJkxIT9AlM29omOwWzzVh99imF0pJhhiM5lny\n"
    "oTkFlCN77Vow8lo8zQVTQJT+WkMV5ajEo2IMKVTXXjx4tdMYPdpjWVrQEG9uoN1n\n"
    "m8oVxHgufiwQv2KQbWP7fcL9y2eaoYN5dn1MrejSyya42qS34x7Ptrd6ubORuhBk\n"
    "l+vqz/UY6x4KzqHHTrD7kx1pNhOTijFjHRxNXAu5KI8PgwBUw2rJqDSN5csVX2C0\n"
    "RlyR4Xpz6kGgNvjzYvxy9eoVOKaA7xoLjpqBSscnyWNpeU498io5vaSy4zleiXdo\n"
    "n5LOieXcShPxYYTOEg0mocs1QzY+Ylju9FCi6LZKzB+dby1/7EGT5+1dVPe1yXv2\n"
    "MF1tx0xdauH+lNWnkPF1tuBLlIOZ70+PCAzfdYqfBgKZWfrhbxVrZ/10mGV5597P\n"
    "HPQnc8D/hIZzY6J7B+prY22Q\n"
    "-----END PRIVATE KEY-----\n"
)
resp = requests.get(url, auth=('app', "orbit.667A"))
