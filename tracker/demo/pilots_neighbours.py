"""The pilots and rollouts of Munkedal and Lysekil, in the format of tracker/demo/pilots.py."""

MUNKEDAL_PILOTS = """
Matsvinnsmätning i förskolans kök
HP: Om köket väger svinnet från varje avdelning i fyra veckor, kan portionerna justeras så att
HP: svinnet minskar med en fjärdedel.
H: Om barnen tar maten själva, en pedagog äter vid varje bord och köket väger svinnet varje
H: dag, minskar svinnet med en fjärdedel.
K: Matsvinn per barn och dag | minst 25 procent mindre
P: partly_met | 11 procent mindre; serveringssvinnet minskade, men tallrikssvinnet inte alls.
K: Avdelningar som väger svinnet varje dag | alla sex
P: not_met | Fyra av sex; vägningen glömdes bort de dagar då en pedagog var sjuk.
LP: Köket kan styra serveringssvinnet, men tallrikssvinnet avgörs vid borden. Vägningen måste
LP: vara en del av rutinen efter lunchen, inte en extra uppgift för pedagogerna.
Ä: Ny pilot där barnen tar maten själva och en pedagog äter vid varje bord; köket väger
Ä: svinnet i samband med disken.

Digitala tillsynsbesök nattetid
H: Med kameratillsyn hos brukare som samtycker kan nattpatrullen ta bort en tredjedel av
H: tillsynsbesöken, utan att brukarna känner sig mindre trygga.
K: Fysiska tillsynsbesök nattetid | minst 33 procent färre
R: met | 41 procent färre hos de tolv brukarna i piloten.
K: Brukare som känner sig lika trygga eller tryggare | minst 90 procent
R: met | 11 av 12 brukare; en valde att gå tillbaka till besök.
L: Kameratillsynen ger brukarna ostörd sömn, men samtycket måste följas upp var tredje
L: månad, och anhöriga vill veta hur kameran används.
U: Hemtjänsten | hanna.persson@munkedal.example.org
U: Särskilt boende | emma.strand@munkedal.example.org
A: Ny rutin för samtycke och uppföljning av samtycket | hanna.persson@munkedal.example.org
A: Utbilda nattpatrullen i kameratillsyn
A: Informera brukare och anhöriga om hur tillsynen går till

Automatiserad fakturahantering
H: En mjukvarurobot kan kontera och matcha återkommande fakturor, så att
H: ekonomiassistenterna får minst en dag i veckan över för analys.
K: Återkommande fakturor som konteras automatiskt | minst 60 procent
R: met | 72 procent efter tre månader.
K: Felkonterade fakturor | högst 2 procent
R: met | 0,8 procent, och alla upptäcktes vid attesten.
L: Roboten klarar de återkommande fakturorna, men avtalsregistret måste vara komplett; varje
L: nytt avtal behöver läggas in innan den första fakturan kommer.
U: Kommunstyrelseförvaltningen
U: Socialförvaltningen
U: Barn- och utbildningsförvaltningen
A: Komplettera avtalsregistret med alla löpande avtal
A: Ny rutin för att registrera nya avtal före den första fakturan
A: Utbilda attestanterna i de automatiska konteringarna

Självservice för lösenordsbyte
H: Om medarbetarna kan återställa sina lösenord med BankID, halveras antalet ärenden till
H: IT-supporten om låsta konton.
K: Supportärenden om lösenord och låsta konton | minst 50 procent färre
R: met | 64 procent färre under de två pilotmånaderna.
K: Medarbetare som har registrerat sig för självservice | minst 80 procent
R: partly_met | 74 procent; medarbetare utan tjänstetelefon hade svårt att registrera sig.
L: Självservicen avlastar supporten, men medarbetare utan tjänstetelefon behöver hjälp att
L: registrera sig, helst vid en arbetsplatsträff.
U: IT-enheten
U: Socialförvaltningen
U: Barn- och utbildningsförvaltningen
A: Registrera alla medarbetare vid arbetsplatsträffar
A: Uppdatera IT-supportens rutin för låsta konton
"""

LYSEKIL_PILOTS = """
Tidiga insatser vid frånvaro på gymnasiet
HP: Om mentorn får ett sms vid det tredje frånvarotillfället på en månad och bokar ett samtal
HP: med eleven samma vecka, minskar den upprepade frånvaron med en femtedel.
H: Om elevhälsan kontaktar eleven och vårdnadshavaren vid upprepad frånvaro och bokar ett
H: möte med mentorn samma vecka, minskar den upprepade frånvaron med en femtedel.
K: Elever med upprepad frånvaro | minst 20 procent färre än samma termin i fjol
P: partly_met | 9 procent färre.
K: Samtal som bokas samma vecka som larmet | minst 80 procent
P: not_met | 45 procent; mentorerna hann inte ringa under veckorna med nationella prov.
LP: Sms:en nådde rätt elever, men mentorerna hinner inte alltid följa upp. Elevhälsan har både
LP: tiden och kunskapen för de första samtalen.
Ä: Elevhälsan tar den första kontakten och bokar mötet med mentorn; sms:et går till
Ä: elevhälsan och vårdnadshavaren i stället för till mentorn.

Digital nyckelhantering i hemtjänsten
H: Med digitala lås hos brukarna i en hemtjänstgrupp sparar personalen minst 20 minuter per
H: pass, som i Sotenäs.
K: Tid för nyckelhantering per pass | minst 20 minuter kortare
R: met | 23 minuter kortare per pass i Brastadgruppen.
K: Besök som loggas i mobilen | minst 95 procent
R: met | 98 procent av besöken loggades direkt vid dörren.
L: Erfarenheterna från Sotenäs höll. Det som tog tid var att få brukarnas samtycke och att
L: byta lås i flerbostadshus med porttelefon.
U: Hemtjänsten | maria.gustafsson@lysekil.example.org
U: Särskilt boende
A: Samtycke och information till alla brukare | maria.gustafsson@lysekil.example.org
A: Avtal med fastighetsägarna om porttelefonerna
A: Utbilda personalen i de digitala låsen
A: Avveckla nyckelskåpen

Samlad kundtjänst för hamn och parkering
H: Om kontaktcenter svarar på frågor om både hamnplatser och parkering med en gemensam
H: kunskapsbank, löses minst 70 procent av frågorna i det första samtalet.
K: Frågor som löses i det första samtalet | minst 70 procent
R: met | 74 procent under högsäsongen.
K: Väntetid i telefon under högsäsong | högst 4 minuter
R: partly_met | 3 minuter i juni, men 7 minuter under de två första veckorna i juli.
L: En gemensam kunskapsbank fungerar, men högsäsongen kräver extra bemanning, och
L: hamnenheten måste meddela ändrade avgifter innan de börjar gälla.
U: Kontaktcenter
U: Hamnenheten | jonas.bergqvist@lysekil.example.org
U: Gata/park
A: Gemensam kunskapsbank för hamn och parkering | jonas.bergqvist@lysekil.example.org
A: Extra bemanning i kontaktcenter under juli
A: Stäng hamnkontorets eget telefonnummer

E-faktura till kunderna
H: Om e-faktura och Kivra är förval i kundregistret, väljer minst hälften av kunderna bort
H: pappersfakturan inom ett år.
K: Kunder med e-faktura eller Kivra | minst 50 procent
R: met | 57 procent efter två faktureringsomgångar.
K: Portokostnad per kvartal | minst 30 procent lägre
R: met | 38 procent lägre.
L: Förvalet gjorde skillnaden. Äldre kunder behöver ändå kunna välja papper med ett enkelt
L: samtal till kontaktcenter.
U: Kontaktcenter
U: Hamnenheten
A: Gör e-faktura och Kivra till förval i kundregistret
A: Informera kunderna på den sista pappersfakturan

Fuktsensorer i inkontinensskydd
HP: Med fuktsensorer i skydden kan de nattliga kontrollerna halveras utan fler hudproblem.
H: Med en annan leverantörs sensorer, som larmar först när skyddet är mättat, kan de
H: nattliga kontrollerna halveras utan fler hudproblem.
K: Nattliga kontroller per boende | minst 50 procent färre
P: partly_met | 30 procent färre; personalen kontrollerade ändå efter falsklarmen.
R: not_met | 20 procent färre; falsklarmen fortsatte när de boende rörde sig i sängen.
K: Falsklarm per natt och avdelning | högst 2
P: not_met | 9 i snitt; sensorerna larmade redan vid lite fukt.
R: not_met | 5 i snitt.
LP: Sensorerna larmade för tidigt och gav ett extra moment vid varje byte. Vi prövar en
LP: leverantör vars sensor larmar först när skyddet är mättat.
Ä: Ny pilot på samma avdelning med en annan leverantör, vars sensorer larmar först när
Ä: skyddet är mättat.
"""
