"""The benefits and costs of Sotenäs kommun's ideas up to follow-up, in the format of
tracker/demo/benefits.py; the realised ones are in benefits_sotenas_realised.py."""

MAIL = "sotenas.example.org"

SOTENAS_BENEFITS = f"""
Önskeschema i hemtjänsten
N: Lägre korttidsfrånvaro i hemtjänsten | quality | employees
I: Korttidsfrånvaro, 1–14 dagar, av arbetad tid | procent | lower | 3
O: employee@example.org
K: Rullande tolv månader ur HR-systemet
D: HR-systemet
F: identified

Närvarostyrd belysning i idrottshallar
N: Lägre elförbrukning i idrottshallarna | environment | organisation | Fastighetsenheten
I: Elförbrukning för belysningen i de fyra idrottshallarna | kWh per år | lower | 3
K: Undermätare på belysningen, rullande tolv månader
D: Energiuppföljningssystemet
V: 210 000 | 140 000
F: planned
C: Närvarogivare och installation | one_off | purchase | 260 000 | - | 0

Matsvinn i skolköket
N: Mindre matsvinn i skolrestaurangerna | environment | residents | Kostenheten
I: Tallrikssvinn per serverad portion | gram per portion | lower | 1
O: fatima.yusuf@{MAIL}
K: Köken väger tallrikssvinnet varje dag; månadens medelvärde
D: Kostenhetens vägningslistor
V: 40 | 28
F: planned
N: Lägre livsmedelskostnad per portion | financial | organisation | Kostenheten
I: Livsmedelskostnad per portion | kr per portion | lower | 6
F: identified

Läkemedelsrobotar för hemmaboende
N: Färre besök som bara gäller läkemedel | reallocation | employees | Hemtjänsten
I: Besök som bara gäller läkemedel | besök per månad | lower | 1
O: gunilla.strom@{MAIL}
K: Planerade insatser av typen läkemedel i planeringssystemet
D: Planeringssystemet
V: 1 400 | 700
P: 2 700 | 100 | medium
F: planned
R: Förutsätter att apoteket kan leverera robotarna i tid och att brukarna klarar dem själva.
C: Hyra av läkemedelsrobotar | running | licence | 150 000 | - | 0-

Digital nyckelhantering i hemtjänsten
N: Frigjord tid i hemtjänsten | reallocation | employees | Hemtjänsten
I: Tid för att hämta och lämna nycklar | timmar per månad | lower | 1
O: employee@example.org
K: Tidsstudie en vecka i månaden, uppräknad till hel månad
D: Planeringssystemet och tidsstudien
V: 310 | 90 | 200
P: 5 400 | 100 | high
F: overdue
R: Mobiltäckningen i vissa hus är svag; där behövs en reservnyckel.
N: Färre låsbyten efter borttappade nycklar | financial | organisation | Hemtjänsten
I: Kostnad för låsbyten efter borttappade nycklar | kr per år | lower | 6
K: Rullande tolv månader enligt fakturorna från låssmeden
D: Ekonomisystemet
V: 45 000 | 0
P: 1 | 100 | medium
N: Kortare körsträckor i hemtjänsten | environment | residents | Hemtjänsten
I: Körda mil med hemtjänstens bilar | mil per månad | lower | 1
K: Körjournalerna i bilarnas färdskrivare
D: Fordonssystemet
V: 2 400 | 2 100
C: Digitala lås och installation | one_off | purchase | 520 000 | 540 000 | 0
C: Låsplattformen | running | licence | 96 000 | - | 0-
C: Införande och utbildning | one_off | internal_time | 70 000 | - | 0

Cykelpool för personal
N: Färre korta bilresor i tjänsten | environment | organisation
I: Tjänsteresor med bil kortare än 5 km | resor per månad | lower | 1
O: mona.axelsson@{MAIL}
K: Körjournalerna för poolbilarna och milersättningen
D: Fordonssystemet och lönesystemet
V: 420 | 300
N: Lägre kostnad för bilresor i tjänsten | financial | organisation
I: Korttidshyrda bilar och milersättning för korta resor | kr per år | lower | 3
K: Rullande tolv månader i ekonomisystemet
D: Ekonomisystemet
V: 310 000 | 240 000
P: 1 | 80 | low
N: Fler medarbetare som rör sig i arbetet | quality | employees
I: Medarbetare som cyklar i tjänsten minst en gång i månaden | procent | higher | 6
F: identified
C: Elcyklar, hjälmar och regnkläder | one_off | purchase | 180 000 | 176 500 | 0
C: Låsbara cykelställ med laddning | one_off | purchase | 90 000 | - | 0
C: Service och vinterdäck | running | other | 25 000 | - | 0-

Sensorer för fallprevention
N: Färre fall nattetid | quality | residents | Särskilt boende
I: Fall mellan kl. 22 och 06 på avdelningarna med sensorer | fall per månad | lower | 1
O: johan.karlsson@{MAIL}
K: Avvikelser om fall i kvalitetssystemet
D: Kvalitetssystemet (avvikelser)
V: 9 | 5
F: history overdue
N: Mindre omvårdnadstid efter fall | reallocation | employees | Särskilt boende
I: Omvårdnadstid efter fall | timmar per månad | lower | 3
K: Skattning från sjuksköterskorna per fall, gånger antalet fall
D: Kvalitetssystemet
V: 60 | 35
P: 5 400 | 70 | low
C: Sensorer och larmintegration | one_off | purchase | 260 000 | 248 000 | 0
C: Larmplattformen | running | licence | 38 000 | - | 0-
C: Utbildning av nattpersonalen | one_off | internal_time | 45 000 | - | 0

En väg in för invånarnas samtal
N: Fler frågor lösta i första samtalet | quality | residents | Kontaktcenter
I: Samtal som löses i kontaktcenter utan att kopplas vidare | procent | higher | 1
O: karin.olsson@{MAIL}
K: Telefonisystemets statistik över avslutade och vidarekopplade samtal
D: Telefonisystemet
V: 38 | 65 | 50
F: history
N: Frigjord tid hos handläggarna | reallocation | employees
I: Handläggarnas tid för enkla frågor i telefon | timmar per månad | lower | 3
K: Samtal till förvaltningarnas nummer gånger snittiden per samtal
D: Telefonisystemet
V: 520 | 300
P: 5 400 | 70 | medium
Ä: target | 360 | Bygglov behåller egna telefontider under högsäsongen; målet sänks därför.
N: Längre väntetid i telefon | quality dis | residents | Kontaktcenter
I: Genomsnittlig väntetid i kontaktcentrets kö | minuter | lower | 1
K: Telefonisystemets statistik, medelvärde per månad
D: Telefonisystemet
V: 2,5 | 4,5
R: När alla samtal går till kontaktcenter kan kön växa innan kunskapsbanken är klar.
C: Telefoniplattformen | running | licence | 120 000 | - | 0-
C: Kunskapsbanken | one_off | purchase | 150 000 | 162 000 | 0
C: Förvaltningarnas artiklar i kunskapsbanken | one_off | internal_time | 200 000 | - | 0

Digital närvaroregistrering i förskolan
N: Frigjord tid för närvaroadministration | reallocation | employees | Förskola
I: Pedagogernas tid för närvarolistor | timmar per månad | lower | 1
O: linnea.andersson@{MAIL}
K: Pedagogernas tidslogg en vecka i månaden, uppräknad
D: Tidsloggen
V: 180 | 60
P: 5 000 | 100 | high
N: Rätt underlag för barnomsorgsavgifterna | financial | organisation | Förskola
I: Avgifter som tappas på grund av felaktig närvaro | kr per år | lower | 6
K: Revisionens stickprov på närvaro och debiterade avgifter
D: Avgiftssystemet
V: 90 000 | 15 000
P: 1 | 100 | low
F: planned
C: Läsplattor och stativ | one_off | purchase | 60 000 | 58 200 | 0
C: Närvaromodulen | running | licence | 42 000 | - | 0-

Digital posthantering
N: Frigjord tid för posthantering | reallocation | employees | Kontaktcenter
I: Tid för att öppna, sortera och köra ut post | timmar per månad | lower | 1
O: karin.olsson@{MAIL}
K: Tidsstudie en vecka i månaden i kontaktcenter och på förvaltningarna
D: Tidsstudien
V: 160 | 70 | 120
P: 5 400 | 100 | high
F: overdue
N: Posten når handläggaren samma dag | quality | residents
I: Post som fördelas i ärendesystemet samma dag som den kommer | procent | higher | 1
K: Ankomstdatum och fördelningsdatum i ärendesystemet
D: Ärendesystemet
V: 35 | 95
N: Glesare internpost | financial | organisation
I: Kostnad för internpostens turer | kr per år | lower | 3
K: Rullande tolv månader enligt transportavtalet
D: Ekonomisystemet
V: 180 000 | 60 000
P: 1 | 100 | medium
F: evaporated
S: Internposten behövs ändå varje dag för varor och originalhandlingar, så turerna kunde inte
S: glesas ut; kostnaden är oförändrad.
C: Dokumentskanner | one_off | purchase | 95 000 | 98 000 | 0
C: Skanningsmodul i ärendesystemet | running | licence | 60 000 | 60 000 | 0-
C: Ny rutin och utbildning av registratorerna | one_off | internal_time | 80 000 | - | 0

Ruttplanerad snöröjning
N: Lägre kostnad för snöröjningen | financial | organisation | Gata/park
I: Entreprenörskostnad per snödag | kr per snödag | lower | 3
O: ahmed.hassan@{MAIL}
K: Entreprenörernas fakturor delade med antalet snödagar enligt SMHI
D: Ekonomisystemet och SMHI
V: 48 000 | 43 000
P: 20 | 100 | medium
F: overdue
R: Antalet snödagar varierar mycket mellan vintrarna; värdet räknas per snödag.
N: Röjda busshållplatser och skolvägar före kl. 7 | quality | residents | Gata/park
I: Busshållplatser och skolvägar röjda före kl. 7 på snödagar | procent | higher | 3
K: GPS-loggarna jämförda med listan över prioriterade stråk
D: GPS-systemet
V: 62 | 90
N: Lägre utsläpp från plogbilarna | environment | residents | Gata/park
I: Dieselförbrukning i snöröjningen | liter per snödag | lower | 3
K: Entreprenörernas tankrapporter delade med antalet snödagar
D: Entreprenörernas rapporter
V: 1 150 | 1 000
C: GPS i plogbilarna | one_off | purchase | 140 000 | 152 000 | 0
C: Ruttplaneringstjänsten | running | licence | 45 000 | - | 0-
C: Ruttplanering med entreprenörerna | one_off | internal_time | 60 000 | - | 0

Digitala trygghetslarm
N: Färre utryckningar på falsklarm | reallocation | employees | Hemtjänsten
I: Utryckningar på larm som inte krävde hjälp | utryckningar per månad | lower | 1
O: employee@example.org
K: Larmcentralens månadsrapport
D: Larmcentralens månadsrapport
V: 95 | 45
P: 4 050 | 100 | high
F: overdue
N: Kortare insatstid vid larm | quality | residents | Hemtjänsten
I: Tid från larm till att personal är hos brukaren | minuter | lower | 1
O: gunilla.strom@{MAIL}
K: Larmcentralens tidsstämplar för larm och ankomst
D: Larmcentralens rapport
V: 32 | 22 | 27
C: Digitala larm | one_off | purchase | 380 000 | 395 000 | 0
C: Larmcentral med verifiering | running | other | 210 000 | 225 000 | 0-
C: Byte hos brukarna | one_off | internal_time | 120 000 | - | 0

Sjukanmälan i personalappen
N: Snabbare bemanning vid sjukfrånvaro | quality | employees | Ekonomi- och personalenheten
I: Tid från sjukanmälan till bemannat pass | minuter | lower | 1
O: mona.axelsson@{MAIL}
K: Tidsstämplar i personalappen och bemanningssystemet
D: Bemanningssystemet
V: 95 | 45
F: proposed
N: Frigjord chefstid tidiga morgnar | reallocation | employees
I: Chefernas tid för sjukanmälningar per telefon | timmar per månad | lower | 3
K: Skattning från enkät till cheferna varje kvartal
D: Chefsenkäten
V: 120 | 40
P: 7 200 | 100 | medium
C: Modulen för sjukanmälan | running | licence | 30 000 | 30 000 | 0-
C: Införande och information | one_off | internal_time | 40 000 | - | 0
"""
