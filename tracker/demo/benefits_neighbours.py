"""The benefits, costs and closings of Munkedal and Lysekil, in the format of
tracker/demo/benefits.py."""

MUNKEDAL = "munkedal.example.org"
LYSEKIL = "lysekil.example.org"

MUNKEDAL_BENEFITS = f"""
Digitala tillsynsbesök nattetid
N: Färre körda mil nattetid | environment | organisation | Hemtjänsten
I: Körda mil för nattpatrullen | mil per månad | lower | 1
O: hanna.persson@{MUNKEDAL}
K: Körjournalerna för nattpatrullens bilar
D: Fordonssystemet
V: 1 100 | 750
N: Frigjord tid i nattpatrullen | reallocation | employees | Hemtjänsten
I: Tid för fysiska tillsynsbesök nattetid | timmar per månad | lower | 1
O: hanna.persson@{MUNKEDAL}
K: Planerade och utförda tillsynsbesök gånger snittiden per besök
D: Planeringssystemet
V: 240 | 160
P: 6 000 | 100 | medium
R: Förutsätter att brukarna samtycker och att samtycket följs upp var tredje månad.
C: Trygghetskameror | one_off | purchase | 90 000 | 94 000 | 0
C: Kameratjänsten | running | licence | 30 000 | - | 0-

Automatiserad fakturahantering
N: Frigjord tid för fakturahantering | reallocation | employees | Kommunstyrelseförvaltningen
I: Ekonomiassistenternas tid för återkommande fakturor | timmar per månad | lower | 1
K: Tidsloggen i ekonomisystemet för kontering och matchning
D: Ekonomisystemet
V: 140 | 60 | 100
P: 5 400 | 100 | high
F: history overdue
N: Färre påminnelseavgifter | financial | organisation | Kommunstyrelseförvaltningen
I: Påminnelseavgifter och dröjsmålsräntor till leverantörer | kr per år | lower | 3
K: Rullande tolv månader i ekonomisystemet
D: Ekonomisystemet
V: 85 000 | 20 000
P: 1 | 100 | medium
F: history
C: Mjukvaruroboten | running | licence | 110 000 | 110 000 | 0-
C: Konsult för uppsättning | one_off | purchase | 180 000 | 205 000 | 0
C: Avtalsregistret och testerna | one_off | internal_time | 90 000 | - | 0

Självservice för lösenordsbyte
N: Färre supportärenden om lösenord | reallocation | employees | IT-enheten
I: Ärenden till IT-supporten om lösenord och låsta konton | ärenden per månad | lower | 1
K: Ärenden i supportsystemet med kategorin lösenord
D: Supportsystemet
V: 620 | 250 | 400
P: 1 800 | 100 | high
F: history correction
N: Snabbare tillbaka i arbete | quality | employees | IT-enheten
I: Tid från låst konto till att medarbetaren kan logga in | minuter | lower | 3
K: Supportsystemets tidsstämplar och loggen för självservicen
D: Supportsystemet
V: 95 | 10
C: Självservice med BankID | running | licence | 40 000 | 40 000 | 0-
C: Integration med katalogtjänsten | one_off | purchase | 60 000 | 55 000 | 0
A: Ärendena om lösenord har mer än halverats, och den som låst sig är tillbaka i arbete på
A: några minuter.
L: Medarbetare utan tjänstetelefon behöver hjälp att registrera sig, helst vid en
L: arbetsplatsträff; det avgör hur stor nyttan blir.
H: manager@{MUNKEDAL}
"""

LYSEKIL_BENEFITS = f"""
Betalning av gästhamnsavgift i app
N: Mindre kontanthantering i gästhamnen | financial | organisation | Hamnenheten
I: Kostnad för kontanthantering och värdetransporter | kr per år | lower | 12
O: jonas.bergqvist@{LYSEKIL}
F: identified

Tidiga insatser vid frånvaro på gymnasiet
N: Färre elever med upprepad frånvaro | quality | residents | Gymnasieskola
I: Elever med frånvaro över 15 procent under terminen | elever | lower | 6
O: amira.said@{LYSEKIL}
K: Frånvarorapporten i skolans administrativa system vid terminens slut
D: Skoladministrativa systemet
V: 64 | 50
F: planned

Digital nyckelhantering i hemtjänsten
N: Frigjord tid i hemtjänsten | reallocation | employees | Hemtjänsten
I: Tid för att hämta och lämna nycklar | timmar per månad | lower | 1
O: maria.gustafsson@{LYSEKIL}
K: Tidsstudie en vecka i månaden, uppräknad till hel månad
D: Planeringssystemet och tidsstudien
V: 190 | 60
P: 5 400 | 100 | high
C: Digitala lås och installation | one_off | purchase | 310 000 | 322 000 | 0
C: Låsplattformen | running | licence | 58 000 | - | 0-

Samlad kundtjänst för hamn och parkering
N: Fler frågor lösta i första samtalet | quality | residents | Kontaktcenter
I: Frågor om hamn och parkering som löses i första samtalet | procent | higher | 1
K: Telefonisystemets statistik för de två köerna
D: Telefonisystemet
V: 45 | 70
N: Kortare väntetid i telefon | quality | residents | Kontaktcenter
I: Väntetid i telefon | minuter | lower | 3
K: Telefonisystemets medelvärde för kvartalet
D: Telefonisystemet
V: 6,5 | 3,5
Ä: target | 4 | Högsäsongen kräver mer bemanning än budgeten räcker till; målet blir 4 minuter.
N: Frigjord tid för hamnvärdarna | reallocation | employees | Hamnenheten
I: Hamnvärdarnas tid i telefon | timmar per månad | lower | 1
O: jonas.bergqvist@{LYSEKIL}
K: Hamnvärdarnas tidslogg
D: Tidsloggen
V: 80 | 25
P: 5 400 | 100 | medium
F: overdue
C: Kunskapsbanken | running | licence | 25 000 | 25 000 | 0-
C: Extra bemanning i juli | running | internal_time | 60 000 | 72 000 | 0-

E-faktura till kunderna
N: Färre pappersutskick | financial | organisation | Kontaktcenter
I: Kostnad för porto och tryck av pappersfakturor | kr per år | lower | 3
K: Rullande tolv månader enligt fakturorna från tryckeriet och postombudet
D: Ekonomisystemet (leverantörsfakturor)
V: 640 000 | 300 000 | 520 000
P: 1 | 100 | high
F: history
N: Kunder med e-faktura eller Kivra | quality | residents | Kontaktcenter
I: Kunder med e-faktura eller Kivra | procent | higher | 3
K: Andelen i kundregistret vid varje faktureringsomgång
D: Kundregistret
V: 18 | 50
F: history
N: Fler frågor om fakturan | reallocation dis | residents | Kontaktcenter
I: Kontaktcentrets tid för frågor om fakturor | timmar per månad | lower | 1
K: Samtal i kön för fakturor gånger snittiden per samtal
D: Telefonisystemet
V: 40 | 70
P: 5 400 | 100 | medium
R: Äldre kunder kan behöva hjälp att byta till e-faktura, eller vilja behålla papper.
S: Frågorna ökade när pappersfakturan försvann, men betydligt mindre än befarat.
C: E-faktura och Kivra | running | licence | 45 000 | 45 000 | 0-
C: Anpassning av kundregistret | one_off | purchase | 75 000 | 80 000 | 0
C: Information till kunderna | one_off | other | 20 000 | 18 500 | 0
A: Mer än hälften av kunderna har e-faktura eller Kivra, och portot har mer än halverats.
A: Frågorna till kontaktcenter ökade en tid men blev färre än befarat.
L: Förvalet gjorde skillnaden. Äldre kunder behöver kunna välja papper med ett enkelt samtal.
H: jonas.bergqvist@{LYSEKIL}
"""
