"""The benefits, costs and closing assessments of Sotenäs kommun's realised ideas, in the
format of tracker/demo/benefits.py."""

MAIL = "sotenas.example.org"

SOTENAS_REALISED_BENEFITS = f"""
Digital matsedel med allergimärkning
N: Färre samtal till skolköken om allergener | reallocation | employees | Kostenheten
I: Samtal till köken om allergener och specialkost | samtal per månad | lower | 1
O: fatima.yusuf@{MAIL}
K: Köken för streckräkning av samtalen, uppräknat till hel månad
D: Streckräkning i köken
V: 180 | 70
P: 900 | 100 | high
F: correction
N: Färre avvikelser med specialkost | quality | residents | Kostenheten
I: Avvikelser med specialkost | avvikelser per kvartal | lower | 3
K: Avvikelserapporter i kvalitetssystemet
D: Kvalitetssystemet (avvikelser)
V: 6 | 2
F: history
C: Matsedelsappen | running | licence | 48 000 | 48 000 | 0-
C: Recept och allergener i kostsystemet | one_off | internal_time | 120 000 | 145 000 | 0
A: Appen används av de flesta vårdnadshavare, samtalen till köken har mer än halverats och
A: avvikelserna med specialkost är färre.
L: Allergenerna måste läggas in när menyn planeras, inte i efterhand; då stämmer appen.
H: fatima.yusuf@{MAIL}

LED i gatubelysningen
N: Lägre elkostnad för gatubelysningen | financial | organisation | Gata/park
I: Elförbrukning för gatubelysningen, rullande tolv månader | kWh per år | lower | 3
O: ahmed.hassan@{MAIL}
K: Summan av de senaste tolv månadernas förbrukning
D: Elnätsbolagets fakturor och mätardata
V: 1 180 000 | 560 000 | 1 000 000 | 760 000
P: 1,45 | 100 | high
F: history
Ä: baseline | 1 210 000 | Elnätsbolaget rättade mätarställningarna för basåret; basvärdet räknas om.
N: Färre lampbyten | financial | organisation | Gata/park
I: Lampbyten och felavhjälpning | byten per år | lower | 3
K: Driftentreprenörens arbetsordrar, rullande tolv månader
D: Driftentreprenörens rapporter
V: 420 | 60
P: 1 400 | 100 | medium
F: history
N: Lägre klimatpåverkan från gatubelysningen | environment | residents | Gata/park
I: Utsläpp från elanvändningen i gatubelysningen | ton CO2e per år | lower | 6
K: Elförbrukningen gånger emissionsfaktorn för nordisk elmix
D: Elnätsbolaget och Energimyndigheten
V: 48 | 23
N: Synpunkter om mörka gator | quality dis | residents | Gata/park
I: Synpunkter och felanmälningar om för mörka gator | synpunkter per kvartal | lower | 3
K: Felanmälningar i kategorin belysning
D: E-tjänsten för felanmälan
V: 4 | 12
R: Nattsänkningen kan upplevas som otrygg i gångtunnlar och vid övergångsställen.
S: Synpunkterna blev färre än befarat sedan gångtunnlarna fick full effekt hela natten.
C: LED-armaturer | one_off | purchase | 3 400 000 | 3 650 000 | 0
C: Montage | one_off | purchase | 900 000 | 860 000 | 0
C: Projektledning | one_off | internal_time | 250 000 | 310 000 | 0
A: Elförbrukningen har mer än halverats och lampbytena nästan upphört; investeringen betalar
A: sig på några år.
L: Nattsänkningen märks inte, men gångtunnlar och övergångsställen behöver full effekt hela
L: natten. Basvärdet ska stämmas av mot elnätsbolaget innan det beslutas.
H: ahmed.hassan@{MAIL}

E-tjänst för ansökan om skolskjuts
N: Kortare handläggningstid för skolskjuts | quality | residents | Grundskola
I: Handläggningstid från ansökan till beslut, median per månad | dagar | lower | 1
O: sara.nilsson@{MAIL}
K: Ärendenas in- och beslutsdatum
D: Ärendesystemet för skolskjuts
V: 24 | 7 | 14
F: history correction
N: Frigjord tid för registrering av ansökningar | reallocation | employees | Grundskola
I: Tid för manuell registrering av ansökningar | timmar per månad | lower | 3
K: Handläggarnas tidslogg, avstämd mot antalet pappersansökningar
D: Tidsloggen
V: 60 | 12
P: 5 400 | 100 | medium
N: Nöjdhet med e-tjänsten | quality | residents | Grundskola
I: Nöjd-Kund-Index för ansökan om skolskjuts | NKI | higher | 3
K: Kort enkät efter inskickad ansökan, skala 0–100; basvärdet gäller pappersblanketten
D: Enkätverktyget i e-tjänstplattformen
V: 55 | 72
F: reach=0.85
S: Målet nåddes inte helt, men nivån har legat stilla i tre mätningar; nyttan räknas som
S: hemtagen, och e-tjänstens texter ses över i den vanliga förvaltningen.
N: Färre överklaganden av beslut om skolskjuts | quality | residents | Grundskola
I: Överklagade beslut om skolskjuts | överklaganden per år | lower | 12
K: Överklaganden i ärendesystemet
D: Ärendesystemet
V: 3 | 1
F: cancelled
S: Överklagandena är för få för att visa någon förändring; nyttan följs inte upp.
C: E-tjänsten | running | licence | 36 000 | 36 000 | 0-
C: Integration med folkbokföringen | one_off | purchase | 85 000 | 92 000 | 0
C: Införande | one_off | internal_time | 60 000 | 55 000 | 0
A: Nästan alla ansökningar kommer nu via e-tjänsten, och besluten fattas på en vecka i stället
A: för tre. Nöjdheten steg men nådde inte riktigt målet.
L: Vårdnadshavare med skyddad identitet behöver en pappersblankett, och sista ansökningsdag
L: måste synas tydligt. Nyttor som bara räknas i några få ärenden per år går inte att följa.
H: sara.nilsson@{MAIL}

Taklyftar i alla rum
N: Färre arbetsskador vid förflyttning | quality | employees | Särskilt boende
I: Anmälda arbetsskador och tillbud vid förflyttning | anmälningar per kvartal | lower | 3
O: johan.karlsson@{MAIL}
K: Anmälningar med orsaken förflyttning
D: KIA (arbetsskadeanmälningar)
V: 5 | 1 | 3
F: history
N: Färre sjukdagar efter belastningsskador | financial | organisation | Särskilt boende
I: Sjukfrånvarodagar med belastningsskada som orsak | dagar per år | lower | 3
K: Rullande tolv månader med orsakskoden belastning
D: HR-systemet
V: 140 | 60
P: 2 200 | 60 | medium
F: history
R: Sjukfrånvaron påverkas också av annat; därför räknas bara 60 procent av minskningen hit.
N: Frigjord tid vid förflyttningar | reallocation | employees | Särskilt boende
I: Tid för förflyttningar på avdelningarna | timmar per månad | lower | 1
K: Tidsstudie två veckor per kvartal, uppräknad till månad
D: Tidsstudien
V: 210 | 150
P: 5 400 | 100 | medium
C: Taklyftar | one_off | purchase | 1 450 000 | 1 520 000 | 0
C: Installation | one_off | purchase | 380 000 | 410 000 | 0
C: Förflyttningsutbildning | one_off | internal_time | 90 000 | 90 000 | 0
C: Årlig besiktning | running | other | 24 000 | - | 1-
A: Skadorna vid förflyttning har nästan upphört, och personalen lägger mindre tid på att
A: hämta lyftar. Investeringen betalar sig inte i kronor inom fem år, men arbetsmiljön gör det.
L: Återkommande utbildning och årlig besiktning behövs för att nyttan ska bestå.
H: johan.karlsson@{MAIL}
"""
