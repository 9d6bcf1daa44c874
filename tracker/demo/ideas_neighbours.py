"""The demo ideas of Munkedal and Lysekil, in the block format of tracker/demo/content.py."""

MUNKEDAL = """
Gemensam vikariepool med grannkommunerna | Särskilt boende | Arbetsmiljö | submitted | partner
Vi konkurrerar med Sotenäs och Lysekil om samma timvikarier, särskilt under sommaren.
Bilda en gemensam vikariepool för de tre kommunerna med ett gemensamt bemanningssystem.
Fler bemannade pass, tryggare anställningar för vikarierna och mindre tid på att ringa runt.

Sms när skolskjutsen är försenad | Grundskola | Service till invånare | submitted | citizen_dialogue
Föräldrar vet inte om skolbussen är sen eller redan har gått, och barn står länge och väntar.
Låt trafikbolaget skicka sms till berörda vårdnadshavare när en skolskjuts är mer än 10 min sen.
Tryggare barn och vårdnadshavare och färre samtal till skolornas expeditioner.

Fritidsbanken med digital utlåning | Kontaktcenter | Service till invånare | screening
Invånare vet inte vilken utrustning som finns att låna och kommer förgäves.
Visa Fritidsbankens utrustning på webben och låt invånare reservera den i förväg.
Fler lån, mer rörelse bland barn och unga och färre förgäves besök.

Läsplattor för äldre i hemtjänsten | Hemtjänsten | Vård och omsorg | screening
Många brukare är ensamma och har svårt att hålla kontakten med familjen.
Låna ut läsplattor med förinstallerade videosamtal och ge en kort introduktion vid besöket.
Mindre ensamhet och fler kontakter med anhöriga mellan besöken.

E-signering av anställningsavtal | IT-enheten | Digitalisering | prioritised
Anställningsavtal skickas med post och kommer ofta tillbaka först efter att tjänsten har börjat.
Inför e-signering med BankID i HR-systemet för avtal och förordnanden.
Avtal klara före första arbetsdagen och mindre administration för cheferna.

Matsvinnsmätning i förskolans kök | Förskola | Miljö och klimat | pilot
Förskolornas kök vet inte hur mycket mat som slängs eller varför.
Väg svinnet från serveringen och tallrikarna varje dag i fyra veckor och justera portionerna.
Mindre matsvinn, lägre livsmedelskostnad och underlag för menyplaneringen.

Digitala tillsynsbesök nattetid | Hemtjänsten | Vård och omsorg | rollout
Nattliga tillsynsbesök väcker brukare och kräver långa bilresor i glesbygden.
Erbjud tillsyn med trygghetskamera till brukare som samtycker, med tydliga rutiner.
Ostörd sömn för brukarna, färre körmil och mer tid för besök som kräver personal.

Automatiserad fakturahantering | IT-enheten | Effektivisering | follow_up
Ekonomiassistenterna konterar hundratals återkommande fakturor för hand varje månad.
Låt en mjukvarurobot kontera och matcha återkommande fakturor mot avtal och beställningar.
Färre fel, snabbare betalningar och tid över för analys.

Självservice för lösenordsbyte | IT-enheten | Digitalisering | realised
Var tredje fråga till IT-supporten gäller låsta konton och bortglömda lösenord.
Inför självservice för att återställa lösenord med BankID.
Färre supportärenden och att medarbetarna snabbt kommer tillbaka i arbete.

Egen tvätt för arbetskläder | Särskilt boende | Arbetsmiljö | declined
Personalen tar hem arbetskläderna och tvättar dem, vilket är ohygieniskt.
Köp in tvättmaskiner på varje avdelning för arbetskläder.
Bättre hygien och färre smittor.
Det nya avtalet om arbetskläder med tvätt täcker redan behovet från årsskiftet.
"""

LYSEKIL = """
Städning efter behov i gästhamnen | Hamnenheten | Service till invånare | submitted | survey
Båtgästerna klagar i enkäten på smutsiga toaletter under högsäsongens helger.
Sätt besöksräknare vid servicehuset och städa efter antal besök i stället för efter schema.
Nöjdare gäster och personal som används där behovet är störst.

Digital tidbok för elevhälsan | Grundskola | Digitalisering | submitted
Elever och föräldrar vet inte när skolsköterskan och kuratorn finns på plats.
En digital tidbok där elever och vårdnadshavare själva bokar tid hos elevhälsan.
Enklare att söka hjälp och färre uteblivna besök.

Laddplatser för kommunens bilar | Gata/park | Miljö och klimat | screening
Kommunens nya elbilar laddas i vanliga uttag, vilket tar lång tid och sliter på elnätet.
Bygg laddplatser vid de tre största arbetsplatserna med lastbalansering.
Fler bilar kan vara eldrivna, och bilpoolen kan byta de sista fossilbilarna.

Betalning av gästhamnsavgift i app | Hamnenheten | Service till invånare | prioritised
Hamnvärdar går runt och tar betalt kontant och med kort, sent på kvällen.
Låt båtgästerna betala hamnavgift och el i en app med platsnummer.
Mindre kontanthantering, säkrare intäkter och hamnvärdar som kan ägna sig åt service.

Tidiga insatser vid frånvaro på gymnasiet | Gymnasieskola | Service till invånare | pilot
Hög frånvaro upptäcks ofta först när eleven riskerar att inte få sin examen.
Skicka sms till mentor och vårdnadshavare vid upprepad frånvaro och boka ett samtal samma vecka.
Fler elever som fullföljer gymnasiet och färre avbrott.

Digital nyckelhantering i hemtjänsten | Hemtjänsten | Digitalisering | rollout
Personalen hämtar och lämnar nycklar på kontoret flera gånger varje pass.
Digitala lås hos brukarna som öppnas med mobilen, på samma sätt som i Sotenäs.
Kortare körtider, inga borttappade nycklar och loggade besök.

Samlad kundtjänst för hamn och parkering | Kontaktcenter | Service till invånare | follow_up
Frågor om hamnplatser och parkering går till olika nummer och olika förvaltningar.
Låt kontaktcenter svara på båda med gemensamma rutiner och en kunskapsbank.
Fler frågor lösta i första samtalet och kortare väntetider i telefon.

E-faktura till kunderna | IT-enheten | Effektivisering | realised
Kommunen skickar tusentals pappersfakturor för vatten, avfall och hamnplatser varje kvartal.
Erbjud e-faktura och Kivra till alla kunder och gör det till standardvalet.
Lägre portokostnader och färre förseningar.

Eldriven båt för skärgårdsskolan | Hamnenheten | Miljö och klimat | parked
Skolbåten till öarna drivs med diesel och är snart utsliten.
Ersätt den med en eldriven båt och laddning vid kajen.
Lägre utsläpp och lägre driftkostnad.
Avvaktar regionens utredning om skärgårdstrafiken; vi tar upp idén när den är klar.

Fuktsensorer i inkontinensskydd | Särskilt boende | Vård och omsorg | stopped
Nattliga kontroller av inkontinensskydd väcker boende i onödan.
Testa skydd med fuktsensorer som larmar personalen när de behöver bytas.
Färre störda nätter och rätt tidpunkt för byte.
Lärdom: sensorerna gav många falsklarm och ett extra moment; individuell planering fungerar bättre.
"""
